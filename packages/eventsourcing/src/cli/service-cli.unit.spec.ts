import { describe, expect, it } from "vitest";
import { topicsToCreate } from "./service-cli";

describe("topics ensure", () => {
  const topics = [{ topic: "a", partitions: 3 }, { topic: "b" }];

  it("keeps the service's specs when the operator gives nothing", () => {
    expect(topicsToCreate(topics, {})).toEqual(topics);
  });

  it("applies the operator's partitions and replication factor to every topic", () => {
    expect(topicsToCreate(topics, { partitions: "12", "replication-factor": "3" })).toEqual([
      { topic: "a", partitions: 12, replicationFactor: 3 },
      { topic: "b", partitions: 12, replicationFactor: 3 },
    ]);
  });

  it("refuses counts that are not positive integers", () => {
    expect(() => topicsToCreate(topics, { partitions: "0" })).toThrow(
      "--partitions must be a positive integer",
    );
    expect(() => topicsToCreate(topics, { "replication-factor": "two" })).toThrow("--replication-factor");
  });
});

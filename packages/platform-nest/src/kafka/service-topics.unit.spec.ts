import { describe, expect, it } from "vitest";
import { topicSpecsOf } from "./service-topics";

describe("a service's topic declaration", () => {
  it("given topics consumed and published, when turned into topics to create, then each appears once with 3 partitions", () => {
    const specs = topicSpecsOf({
      consumes: ["order.orders.events.v1", "payment.payments.events.v1"],
      publishes: [
        "notification.customers.events.v1",
        "order.orders.events.v1",
        "notification.dead-letters.v1",
      ],
    });
    expect(specs).toEqual([
      { topic: "order.orders.events.v1", partitions: 3 },
      { topic: "payment.payments.events.v1", partitions: 3 },
      { topic: "notification.customers.events.v1", partitions: 3 },
      { topic: "notification.dead-letters.v1", partitions: 3 },
    ]);
  });
});

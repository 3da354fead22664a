import { describe, expect, it } from "vitest";
import { DEAD_LETTER_HEADERS, deadLetterTopicOf, toDeadLetter, toReplay } from "./dead-letter";

const message = {
  topic: "order.order.events.v1",
  partition: 2,
  offset: "41",
  key: "order-1",
  value: Buffer.from('{"bad":true}'),
  headers: { ce_id: "m-1", ce_type: "peakshop.order.order-placed" },
};

describe("dead letters", () => {
  const failedAt = new Date("2026-11-25T06:00:00.000Z");
  const letter = toDeadLetter(message, "notification", new TypeError("boom"), {
    kind: "transient",
    attempts: 5,
    failedAt,
  });

  it("keep the original key, value and headers, and say where they came from and why", () => {
    expect(letter.topic).toBe(deadLetterTopicOf("notification"));
    expect(letter.key).toBe("order-1");
    expect(letter.value).toEqual(message.value);
    expect(letter.headers).toMatchObject({
      ce_id: "m-1",
      [DEAD_LETTER_HEADERS.originalTopic]: "order.order.events.v1",
      [DEAD_LETTER_HEADERS.originalPartition]: "2",
      [DEAD_LETTER_HEADERS.originalOffset]: "41",
      [DEAD_LETTER_HEADERS.error]: "TypeError: boom",
      [DEAD_LETTER_HEADERS.errorKind]: "transient",
      [DEAD_LETTER_HEADERS.attempts]: "5",
      [DEAD_LETTER_HEADERS.failedAt]: "2026-11-25T06:00:00.000Z",
    });
  });

  it("replay to the original topic with the original headers, marked as replayed", () => {
    const replay = toReplay(
      { key: letter.key, value: message.value.toString(), headers: letter.headers ?? {} },
      "0:7",
    );
    expect(replay.topic).toBe("order.order.events.v1");
    expect(replay.key).toBe("order-1");
    expect(replay.headers).toEqual({
      ce_id: "m-1",
      ce_type: "peakshop.order.order-placed",
      [DEAD_LETTER_HEADERS.replayedFrom]: "0:7",
    });
  });

  it("refuse to replay a record that is not a dead letter", () => {
    expect(() => toReplay({ key: null, value: null, headers: {} }, "0:1")).toThrow(/dlq_original_topic/);
  });
});

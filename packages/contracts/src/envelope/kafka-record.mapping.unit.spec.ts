import { describe, expect, it } from "vitest";
import { violationOf } from "../../test/violation-of";
import { fixtureOf } from "../../test/fixture-files";
import { ContractViolation } from "../message/contract-violation";
import { OrderConfirmedV1 } from "../order/order-confirmed.event";
import { OrderPlacedV1 } from "../order/order-placed.event";
import { PaymentDeclinedV1, PaymentDeclinedV2 } from "../payment/payment-declined.event";
import type { AnyMessageDefinition, MessageDataOf } from "../message/message-definition";
import type { Envelope } from "./envelope";
import type { KafkaHeaders } from "./kafka-headers.reader";
import { fromKafkaRecord, toKafkaRecord } from "./kafka-record.mapping";

function envelopeOf<D extends AnyMessageDefinition>(definition: D): Envelope<MessageDataOf<D>, D["type"]> {
  return {
    id: "5d1c3a7e-2b4f-4c6d-8e9f-0a1b2c3d4e5f",
    type: definition.type,
    version: definition.version,
    source: `peakshop/${definition.producer}`,
    streamId: "order-3f0c9a52-8d1e-4b6f-9a2c-5e7d1b4c8a90",
    streamVersion: 3,
    correlationId: "req-8c1f",
    causationId: "4e2a9b10-7c3d-4f5e-a6b7-c8d9e0f1a2b3",
    time: "2026-11-11T00:00:01.500Z",
    traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    data: definition.schema.parse(fixtureOf(definition)) as MessageDataOf<D>,
  };
}

const placed = envelopeOf(OrderPlacedV1);
const record = toKafkaRecord(OrderPlacedV1, placed);
const decode = (headers: KafkaHeaders, value: string | null = record.value) =>
  fromKafkaRecord(headers, value);

describe("toKafkaRecord", () => {
  it("maps an envelope to a CloudEvents binary-mode record keyed by the aggregate id", () => {
    expect(record).toEqual({
      topic: "order.order.events.v1",
      key: placed.data.orderId,
      value: JSON.stringify(placed.data),
      headers: {
        ce_specversion: "1.0",
        ce_id: placed.id,
        ce_type: "peakshop.order.order-placed",
        ce_source: "peakshop/order",
        ce_time: placed.time,
        ce_subject: placed.streamId,
        "content-type": "application/json",
        ce_schemaversion: "1",
        ce_streamversion: "3",
        ce_correlationid: placed.correlationId,
        ce_causationid: placed.causationId,
        traceparent: placed.traceparent,
      },
    });
  });

  it("accepts only data of the definition's own type at compile time", () => {
    const confirmed = envelopeOf(OrderConfirmedV1);
    // @ts-expect-error -- OrderConfirmed data in an OrderPlaced envelope must not compile.
    expect(() => toKafkaRecord(OrderPlacedV1, { ...placed, data: confirmed.data })).toThrow(
      ContractViolation,
    );
  });

  it("omits traceparent when there is none", () => {
    const { traceparent: _, ...untraced } = placed;
    expect(toKafkaRecord(OrderPlacedV1, untraced).headers).not.toHaveProperty("traceparent");
  });

  it("refuses an envelope of another type or version", () => {
    const v1 = envelopeOf(PaymentDeclinedV1);
    expect(
      violationOf(() =>
        toKafkaRecord(PaymentDeclinedV2, { ...v1, data: { ...v1.data, reasonCode: "unknown" } }),
      ).reason,
    ).toBe("definition-mismatch");
  });

  it("refuses invalid metadata and invalid data, naming the field", () => {
    expect(violationOf(() => toKafkaRecord(OrderPlacedV1, { ...placed, streamVersion: -1 }))).toMatchObject({
      reason: "invalid-metadata",
      field: "streamVersion",
    });
    const data = { ...placed.data, currency: "euro" };
    expect(violationOf(() => toKafkaRecord(OrderPlacedV1, { ...placed, data }))).toMatchObject({
      reason: "invalid-data",
      field: "currency",
    });
  });
});

describe("fromKafkaRecord", () => {
  it("round-trips an envelope", () => {
    expect(decode(record.headers)).toEqual(placed);
  });

  it("reads byte headers and values, as Kafka clients deliver them", () => {
    const bytes = new TextEncoder();
    const headers = Object.fromEntries(
      Object.entries(record.headers).map(([k, v]) => [k, [bytes.encode(v)]]),
    );
    expect(fromKafkaRecord(headers, bytes.encode(record.value))).toEqual(placed);
  });

  it("upcasts old data to the latest version", () => {
    const v1 = envelopeOf(PaymentDeclinedV1);
    const envelope = fromKafkaRecord(toKafkaRecord(PaymentDeclinedV1, v1).headers, JSON.stringify(v1.data));
    expect(envelope).toEqual({ ...v1, version: 2, data: { ...v1.data, reasonCode: "unknown" } });
    if (envelope.type === "peakshop.payment.payment-declined") {
      expect(envelope.data.reasonCode).toBe("unknown");
    }
  });

  it("drops an unreadable traceparent instead of refusing the message", () => {
    const { traceparent: _, ...untraced } = placed;
    expect(decode({ ...record.headers, traceparent: "not-a-trace" })).toEqual(untraced);
  });

  it("accepts content-type parameters", () => {
    expect(decode({ ...record.headers, "content-type": "application/json; charset=utf-8" })).toEqual(placed);
  });

  it.each(Object.keys(record.headers).filter((h) => h !== "traceparent"))(
    "refuses a record without %s",
    (header) => {
      const { [header]: _, ...headers } = record.headers;
      expect(violationOf(() => decode(headers))).toMatchObject({ reason: "missing-header", field: header });
    },
  );

  it.each([
    ["ce_specversion", "0.3", /unsupported CloudEvents 0\.3/],
    ["content-type", "application/avro", /content-type must be application\/json/],
    ["ce_schemaversion", "two", /ce_schemaversion must be an integer >= 1, got "two"/],
    ["ce_streamversion", "-1", /ce_streamversion must be an integer >= 0/],
    ["ce_id", "42", /ce_id: Invalid UUID/],
    ["ce_time", "yesterday", /ce_time: Invalid ISO datetime/],
    ["ce_source", "order", /ce_source/],
  ])("refuses a bad %s header", (header, value, message) => {
    const violation = violationOf(() => decode({ ...record.headers, [header]: value }));
    expect(violation).toMatchObject({ reason: "invalid-header", field: header });
    expect(violation.message).toMatch(message);
  });

  it("refuses a header given twice, and one that is not UTF-8", () => {
    expect(violationOf(() => decode({ ...record.headers, ce_id: [placed.id, placed.id] })).message).toMatch(
      /appears 2 times/,
    );
    expect(violationOf(() => decode({ ...record.headers, ce_id: new Uint8Array([0xff]) })).message).toMatch(
      /not UTF-8/,
    );
  });

  it("refuses an unknown type", () => {
    const violation = violationOf(() => decode({ ...record.headers, ce_type: "peakshop.order.order-lost" }));
    expect(violation).toMatchObject({ reason: "unknown-type", messageType: "peakshop.order.order-lost" });
    expect(violation.message).toMatch(/peakshop\.order\.order-lost: unknown message type/);
  });

  it("refuses a version newer than this consumer knows", () => {
    const violation = violationOf(() => decode({ ...record.headers, ce_schemaversion: "2" }));
    expect(violation).toMatchObject({
      reason: "unknown-version",
      messageType: OrderPlacedV1.type,
      messageVersion: 2,
    });
  });

  it("refuses a value that is not JSON, or missing", () => {
    expect(violationOf(() => decode(record.headers, "{oops"))).toMatchObject({
      reason: "invalid-json",
      messageVersion: 1,
    });
    expect(violationOf(() => decode(record.headers, null)).message).toMatch(
      /order-placed v1: the record has no value/,
    );
  });

  it("refuses data that breaks its version's schema, naming type, version and field", () => {
    const value = JSON.stringify({ ...placed.data, totalCents: 12.5 });
    const violation = violationOf(() => decode(record.headers, value));
    expect(violation).toMatchObject({ reason: "invalid-data", field: "totalCents" });
    expect(violation.message).toMatch(
      /^Contract violation in peakshop\.order\.order-placed v1: invalid data: totalCents:/,
    );
  });
});

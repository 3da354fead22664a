import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyEnvelope } from "../../test/envelope.arbitraries";
import { messageRegistry } from "../catalog/checkout-flow.registry";
import { fromKafkaRecord, toKafkaRecord } from "./kafka-record.mapping";

describe("Kafka mapping, for arbitrary valid envelopes", () => {
  it("fromKafkaRecord(toKafkaRecord(x)) is x, upcast to the latest version", () => {
    fc.assert(
      fc.property(anyEnvelope, ({ definition, envelope }) => {
        const record = toKafkaRecord(definition, envelope);
        const latest = messageRegistry.upcast(envelope.type, envelope.version, envelope.data);
        expect(fromKafkaRecord(record.headers, record.value)).toEqual({
          ...envelope,
          version: latest.definition.version,
          data: latest.data,
        });
        expect(record.key).toBe(definition.key(envelope.data));
      }),
      { numRuns: 500 },
    );
  });

  it("reads the same envelope from the bytes a Kafka client delivers", () => {
    const utf8 = new TextEncoder();
    fc.assert(
      fc.property(anyEnvelope, ({ definition, envelope }) => {
        const record = toKafkaRecord(definition, envelope);
        const headers = Object.fromEntries(
          Object.entries(record.headers).map(([k, v]) => [k, utf8.encode(v)]),
        );
        expect(fromKafkaRecord(headers, utf8.encode(record.value))).toEqual(
          fromKafkaRecord(record.headers, record.value),
        );
      }),
      { numRuns: 200 },
    );
  });
});

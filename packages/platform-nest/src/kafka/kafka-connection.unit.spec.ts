import { describe, expect, it } from "vitest";
import { kafkaConnection } from "./kafka-connection";

describe("kafkaConnection", () => {
  it("is plain text without settings", () => {
    expect(kafkaConnection({})).toEqual({});
  });

  it("turns on TLS", () => {
    expect(kafkaConnection({ KAFKA_SSL: "true" })).toEqual({ ssl: true });
    expect(kafkaConnection({ KAFKA_SSL: "false" })).toEqual({});
  });

  it("authenticates with SASL SCRAM over TLS, as managed clusters ask", () => {
    expect(
      kafkaConnection({
        KAFKA_SSL: "true",
        KAFKA_SASL_MECHANISM: "scram-sha-512",
        KAFKA_SASL_USERNAME: "peakshop",
        KAFKA_SASL_PASSWORD: "s3cret",
      }),
    ).toEqual({ ssl: true, sasl: { mechanism: "scram-sha-512", username: "peakshop", password: "s3cret" } });
  });

  it("refuses a mechanism without credentials, and an unknown mechanism, naming the setting", () => {
    expect(() => kafkaConnection({ KAFKA_SASL_MECHANISM: "plain" })).toThrow(
      /KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/,
    );
    expect(() => kafkaConnection({ KAFKA_SASL_MECHANISM: "oauthbearer" })).toThrow(
      /Kafka connection settings/,
    );
  });
});

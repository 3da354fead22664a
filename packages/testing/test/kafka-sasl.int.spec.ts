import { KafkajsAdapter, readTopicToEnd } from "@peakshop/platform-nest";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKafka, type KafkaEndpoint } from "../src";

const SASL = {
  KAFKA_SASL_MECHANISM: "plain",
  KAFKA_SASL_USERNAME: "peakshop",
  KAFKA_SASL_PASSWORD: "peakshop-secret",
};

/** Sets the process's Kafka settings (every client reads them) for the duration of `work`. */
async function withSettings<T>(
  settings: Record<string, string | undefined>,
  work: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * A managed cluster asks clients to authenticate: against a broker whose client
 * listener takes SASL PLAIN only, the platform's clients (publisher, admin,
 * reader) connect with KAFKA_SASL_* and are refused without them.
 */
describe("Kafka clients on a cluster that requires SASL", () => {
  let kafka: KafkaEndpoint;

  beforeAll(async () => {
    const { KAFKA_BROKERS: _, ...env } = process.env;
    kafka = await withSettings(SASL, () =>
      startKafka(env, { saslPlainUsers: { peakshop: SASL.KAFKA_SASL_PASSWORD } }),
    );
  }, 180_000);

  afterAll(async () => {
    await kafka?.stop();
  });

  const client = () =>
    new KafkajsAdapter({ brokers: kafka.brokers, clientId: "sasl-test", service: "test", logLevel: "fatal" });

  it("creates topics, publishes and reads back with the configured credentials", async () => {
    const topic = `sasl-${randomUUID()}`;
    await withSettings(SASL, async () => {
      const adapter = client();
      try {
        await adapter.ensureTopics([{ topic, partitions: 1, replicationFactor: 1 }]);
        await adapter.publish([{ topic, key: "k", value: "hello", headers: {} }]);
      } finally {
        await adapter.close();
      }
      const records = await readTopicToEnd(kafka.brokers, topic);
      expect(records.map((record) => record.value)).toEqual(["hello"]);
    });
  });

  it("is refused with a wrong password, and without SASL", async () => {
    for (const settings of [{ ...SASL, KAFKA_SASL_PASSWORD: "wrong" }, { KAFKA_SASL_MECHANISM: undefined }]) {
      await withSettings(settings, async () => {
        const adapter = client();
        try {
          await expect(adapter.ping()).rejects.toThrow();
        } finally {
          await adapter.close().catch(() => undefined);
        }
      });
    }
  }, 120_000);
});

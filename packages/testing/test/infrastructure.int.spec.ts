import { KafkajsAdapter, readTopic } from "@peakshop/platform-nest";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startInfrastructure,
  startKafka,
  startPostgres,
  testContext,
  type Infrastructure,
} from "../src/index";

describe("test infrastructure", () => {
  let infrastructure: Infrastructure;

  beforeAll(async () => {
    infrastructure = await startInfrastructure();
  });

  afterAll(async () => {
    await infrastructure?.stop();
  });

  it("hands out a database that accepts writes", async () => {
    const ctx = testContext(infrastructure.settings);
    const url = await ctx.createDatabase(ctx.uniqueName("probe"));
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("CREATE TABLE t (id int PRIMARY KEY)");
      await client.query("INSERT INTO t VALUES (1)");
      expect((await client.query("SELECT count(*)::int AS n FROM t")).rows[0]).toEqual({ n: 1 });
    } finally {
      await client.end();
    }
  });

  it("hands out topics that carry records in key order", async () => {
    const ctx = testContext(infrastructure.settings);
    const topic = ctx.uniqueName("probe");
    await ctx.createTopics([{ topic, partitions: 3 }]);
    const kafka = new KafkajsAdapter({
      brokers: ctx.brokers,
      clientId: "probe",
      service: "test",
      logLevel: "warn",
    });
    try {
      await kafka.publish([1, 2, 3].map((n) => ({ topic, key: "same-key", value: String(n) })));
    } finally {
      await kafka.close();
    }
    const records = await readTopic(ctx.brokers, topic, (seen) => seen.length >= 3);
    expect(records.map((record) => record.value)).toEqual(["1", "2", "3"]);
  });

  it("lets services that start together create the same topics at once", async () => {
    const ctx = testContext(infrastructure.settings);
    const topics = [ctx.uniqueName("shared"), ctx.uniqueName("shared")].map((topic) => ({
      topic,
      partitions: 3,
    }));
    const adapters = Array.from(
      { length: 4 },
      (_, i) =>
        new KafkajsAdapter({
          brokers: ctx.brokers,
          clientId: `racer-${i}`,
          service: "test",
          logLevel: "error",
        }),
    );
    try {
      await Promise.all(adapters.map((adapter) => adapter.ensureTopics(topics)));
    } finally {
      await Promise.all(adapters.map((adapter) => adapter.close()));
    }
  });

  it("uses endpoints given in KAFKA_BROKERS and DATABASE_URL instead of starting containers", async () => {
    const env = {
      KAFKA_BROKERS: infrastructure.settings.kafkaBrokers.join(","),
      DATABASE_URL: infrastructure.settings.postgresAdminUrl,
    };
    const [kafka, postgres] = await Promise.all([startKafka(env), startPostgres(env)]);
    expect(kafka.brokers).toEqual(infrastructure.settings.kafkaBrokers);
    expect(postgres.adminUrl).toBe(infrastructure.settings.postgresAdminUrl);
    await Promise.all([kafka.stop(), postgres.stop()]);
  });
});

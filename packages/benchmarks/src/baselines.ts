import { KafkajsAdapter } from "@peakshop/platform-nest";
import { Client } from "pg";
import { perSecond } from "./stats";

/** Raw baseline: one-row INSERT commits through the pg driver, from `clients` connections at once. */
export async function rawCommitRate(url: string, clients: number, rows: number): Promise<number> {
  const setup = new Client({ connectionString: url });
  await setup.connect();
  await setup.query(
    `CREATE TABLE IF NOT EXISTS raw_commits (id bigserial PRIMARY KEY, payload text NOT NULL)`,
  );
  await setup.end();
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const started = performance.now();
  await Promise.all(
    connections.map(async (client) => {
      for (let i = 0; i < rows / clients; i++)
        await client.query(`INSERT INTO raw_commits (payload) VALUES ($1)`, ["x".repeat(120)]);
    }),
  );
  const elapsed = performance.now() - started;
  await Promise.all(connections.map((client) => client.end()));
  return perSecond(rows, elapsed);
}

/** Raw baseline: the Kafka port's own producer (idempotent, acks=all), in batches of `batch`. */
export async function rawProduceRate(
  brokers: string[],
  topic: string,
  messages: number,
  batch: number,
): Promise<number> {
  const kafka = new KafkajsAdapter({ brokers, clientId: "bench-raw", service: "bench", logLevel: "error" });
  await kafka.publish([{ topic, key: "warm-up", value: "x" }]);
  const started = performance.now();
  for (let sent = 0; sent < messages; sent += batch) {
    const size = Math.min(batch, messages - sent);
    await kafka.publish(
      Array.from({ length: size }, (_, i) => ({
        topic,
        key: `k-${(sent + i) % 200}`,
        value: "x".repeat(120),
      })),
    );
  }
  const elapsed = performance.now() - started;
  await kafka.close();
  return perSecond(messages, elapsed);
}

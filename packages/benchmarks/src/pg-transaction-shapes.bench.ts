import { randomUUID } from "node:crypto";
import { PeakshopPgClient } from "@peakshop/platform-nest";
import { startPostgres, type PostgresEndpoint } from "@peakshop/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ContainerUsageReader } from "./peak/container-usage";
import { writeReport } from "./report";
import { round } from "./stats";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const INBOX = `INSERT INTO shape_inbox VALUES ('bench', $1)`;
const EVENT = `INSERT INTO shape_events VALUES ($1, 1, $2)`;
const VIEW = `INSERT INTO shape_view VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET data = excluded.data`;
const ONE_STATEMENT = `WITH inbox AS (INSERT INTO shape_inbox VALUES ('bench', $1) RETURNING id),
  event AS (INSERT INTO shape_events SELECT id, 1, $2 FROM inbox RETURNING stream)
  INSERT INTO shape_view SELECT stream, $2 FROM event ON CONFLICT (id) DO UPDATE SET data = excluded.data`;

type Client = InstanceType<typeof PeakshopPgClient>;

/**
 * One consumed message's writes (an inbox row, an event, a read-model row),
 * in the shapes a service can give them: what each costs the client and
 * PostgreSQL decides how much a saga of about a hundred statements costs.
 */
const SHAPES: { name: string; pipeline: boolean; run(client: Client, id: string): Promise<unknown> }[] = [
  {
    name: "BEGIN, 3 statements, COMMIT, one at a time (DATABASE_PIPELINE=false)",
    pipeline: false,
    async run(client, id) {
      await client.query("BEGIN");
      await client.query(INBOX, [id]);
      await client.query(EVENT, [id, { id }]);
      await client.query(VIEW, [id, { id }]);
      await client.query("COMMIT");
    },
  },
  {
    name: "the same, pipelined: BEGIN with the inbox row, event and view together, COMMIT (the default)",
    pipeline: true,
    async run(client, id) {
      await client.query("BEGIN");
      await client.query(INBOX, [id]);
      await Promise.all([client.query(EVENT, [id, { id }]), client.query(VIEW, [id, { id }])]);
      await client.query("COMMIT");
    },
  },
  {
    name: "the same, all five sent at once",
    pipeline: true,
    run: (client, id) =>
      Promise.all([
        client.query("BEGIN"),
        client.query(INBOX, [id]),
        client.query(EVENT, [id, { id }]),
        client.query(VIEW, [id, { id }]),
        client.query("COMMIT"),
      ]),
  },
  {
    name: "one statement inside BEGIN and COMMIT, pipelined (room for other writes of the message)",
    pipeline: true,
    async run(client, id) {
      await client.query("BEGIN");
      await client.query(ONE_STATEMENT, [id, { id }]);
      await client.query("COMMIT");
    },
  },
  {
    name: "one statement (data-modifying CTEs, no BEGIN or COMMIT)",
    pipeline: false,
    run: (client, id) => client.query(ONE_STATEMENT, [id, { id }]),
  },
];

let postgres: PostgresEndpoint;

beforeAll(async () => {
  // Durable PostgreSQL (fsync on), as in production.
  postgres = await startPostgres(process.env, { durable: true });
});

afterAll(async () => {
  await postgres?.stop();
});

async function measure(url: string, shape: (typeof SHAPES)[number], server?: ContainerUsageReader) {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = new PeakshopPgClient({ connectionString: url, pipeline: shape.pipeline });
      await client.connect();
      return client;
    }),
  );
  const serverCpu = async () => (await server?.read())?.find((row) => row.name === "postgres")?.cpuSeconds;
  const serverBefore = await serverCpu();
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + SECONDS * 1_000;
  let done = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline) {
        await shape.run(client, randomUUID());
        done++;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const client = process.cpuUsage(clientBefore);
  const serverAfter = await serverCpu();
  await Promise.all(clients.map((connection) => connection.end()));
  const serverUs =
    serverBefore === undefined || serverAfter === undefined ? undefined : (serverAfter - serverBefore) * 1e6;
  return {
    transactionsPerSecond: (done * 1_000) / elapsedMs,
    clientUsPerTransaction: (client.user + client.system) / done,
    serverUsPerTransaction: serverUs === undefined ? undefined : serverUs / done,
  };
}

it(`transaction shapes: ${CLIENTS} connections, ${SECONDS} s per shape, ${ROUNDS} rounds`, async () => {
  const url = await postgres.createDatabase("transaction_shapes");
  const setup = new PeakshopPgClient({ connectionString: url });
  await setup.connect();
  await setup.query(`CREATE TABLE shape_inbox (consumer text, id text, PRIMARY KEY (consumer, id));
    CREATE TABLE shape_events (stream text, version int, data jsonb, PRIMARY KEY (stream, version));
    CREATE TABLE shape_view (id text PRIMARY KEY, data jsonb)`);
  await setup.end();
  const server = postgres.containerId
    ? await ContainerUsageReader.forContainers([{ id: postgres.containerId, name: "postgres" }])
    : undefined;

  // Rounds interleave the shapes, so a machine that slows down mid-run slows each alike.
  const runs = SHAPES.map(() => [] as Awaited<ReturnType<typeof measure>>[]);
  for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex++) {
    for (const [index, shape] of SHAPES.entries()) runs[index]!.push(await measure(url, shape, server));
  }
  const mean = (values: (number | undefined)[]) =>
    values.some((value) => value === undefined)
      ? undefined
      : values.reduce<number>((sum, value) => sum + value!, 0) / values.length;
  const rows = SHAPES.map((shape, index) => {
    const measured = runs[index]!;
    const client = mean(measured.map((run) => run.clientUsPerTransaction))!;
    const server = mean(measured.map((run) => run.serverUsPerTransaction));
    return {
      shape: shape.name,
      transactionsPerSecond: round(mean(measured.map((run) => run.transactionsPerSecond))!, 0),
      clientUs: round(client, 0),
      serverUs: server === undefined ? undefined : round(server, 0),
      totalUs: server === undefined ? undefined : round(client + server, 0),
    };
  });
  const baseline = rows[0]!.totalUs ?? rows[0]!.clientUs;
  const table = rows.map(
    (row) =>
      `| ${row.shape} | ${row.transactionsPerSecond} | ${row.clientUs} | ${row.serverUs ?? "n/a"} | ${round((row.totalUs ?? row.clientUs) / baseline, 2)} |`,
  );
  const path = writeReport(
    "pg-transaction-shapes",
    [
      "# One consumed message's writes, in five shapes (pnpm bench)",
      "",
      `${CLIENTS} connections of the services' pg client (PeakshopPgClient), ${SECONDS} s per shape, ${ROUNDS} interleaved rounds, PostgreSQL in a container with fsync on. CPU per transaction: the client's from process.cpuUsage, PostgreSQL's from its container's cgroup. The client reaches PostgreSQL through Docker's published port, whose proxy process is not counted.`,
      "",
      "| shape | transactions/s | client µs per transaction | PostgreSQL µs per transaction | CPU relative to the first |",
      "| --- | --- | --- | --- | --- |",
      ...table,
      "",
    ].join("\n"),
    { clients: CLIENTS, seconds: SECONDS, rounds: ROUNDS, rows },
  );
  console.log(`report: ${path}`);
  expect(rows.every((row) => row.transactionsPerSecond > 0)).toBe(true);
});

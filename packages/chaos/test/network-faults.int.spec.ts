import { startPostgres, type PostgresEndpoint } from "@peakshop/testing";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContainerNetwork, type NetworkFault } from "../src/network-faults";

// Wire faults made in a real container's network namespace, seen from a real
// PostgreSQL client on the host: the container is this test's own PostgreSQL,
// and the peer is the host, as the container's default gateway.

const connect = async (url: string) => {
  // Short timeouts so a dropped wire fails the query quickly instead of hanging.
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000, query_timeout: 1_500 });
  await client.connect();
  client.on("error", () => undefined); // a reset connection also errors outside the query
  return client;
};

describe("wire faults in a container's network namespace", () => {
  let postgres: PostgresEndpoint;
  let network: ContainerNetwork;
  let host: string;

  beforeAll(async () => {
    postgres = await startPostgres({ ...process.env, DATABASE_URL: undefined });
    network = await ContainerNetwork.of(postgres.containerId!);
    const { stdout } = await network.exec(["ip", "-o", "route", "show", "default"]);
    host = /via (\S+)/.exec(stdout)![1]!;
  }, 120_000);

  afterAll(async () => {
    await postgres?.stop();
  });

  async function whileBroken(fault: NetworkFault, during: (client: Client) => Promise<void>) {
    const client = await connect(postgres.adminUrl);
    await client.query("SELECT 1");
    await network.apply(fault, host);
    try {
      await during(client);
    } finally {
      await network.healAll();
      await client.end().catch(() => undefined);
    }
    // Mended without naming the peer: nothing of the fault is left.
    const { stdout: rules } = await network.exec(["iptables", "-w", "-S"]);
    expect(rules).not.toContain("peakshop-chaos");
    const device = await network.deviceTowards(host);
    expect((await network.exec(["tc", "qdisc", "show", "dev", device])).stdout).not.toContain("htb");
  }

  it("given resets, breaks an open connection at once; once mended, a new one works", async () => {
    await whileBroken({ mode: "reset" }, async (client) => {
      await expect(client.query("SELECT 1")).rejects.toThrow();
    });
    const after = await connect(postgres.adminUrl);
    expect((await after.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await after.end();
  });

  it("given every packet to the peer dropped, a query gets no answer; once mended, it does", async () => {
    await whileBroken({ mode: "loss", percent: 100 }, async (client) => {
      await expect(client.query("SELECT 1")).rejects.toThrow(/timeout/i);
    });
    const after = await connect(postgres.adminUrl);
    expect((await after.query("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
    await after.end();
  });

  it("given congestion, the peer's packets go through the slow class; once mended, it is gone", async () => {
    const slowClassPackets = async () => {
      const device = await network.deviceTowards(host);
      const { stdout } = await network.exec(["tc", "-s", "class", "show", "dev", device]);
      const sent = /class htb 1:2 [^\n]*\n\s*Sent \d+ bytes (\d+) pkt/.exec(stdout);
      return sent ? Number(sent[1]) : undefined;
    };
    await whileBroken({ mode: "congestion", rateKbit: 256 }, async (client) => {
      expect((await client.query("SELECT 3 AS three")).rows).toEqual([{ three: 3 }]);
      expect(await slowClassPackets()).toBeGreaterThan(0);
    });
    expect(await slowClassPackets()).toBeUndefined();
  });
});

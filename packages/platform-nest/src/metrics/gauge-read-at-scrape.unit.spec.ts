import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { gaugeReadAtScrape } from "./gauge-read-at-scrape";

const valuesOf = async (registry: Registry, name: string) =>
  (await registry.getSingleMetric(name)!.get()).values.map(({ labels, value }) => ({ labels, value }));

describe("gaugeReadAtScrape", () => {
  it("reads at each scrape and reports zero for label sets the read has no value for", async () => {
    const registry = new Registry();
    let placed = 3;
    gaugeReadAtScrape(registry, {
      name: "open",
      help: "open orders",
      labelNames: ["status"],
      zeroSeries: [{ status: "PLACED" }, { status: "PAYMENT_PENDING" }],
      read: async () => [{ labels: { status: "PLACED" }, value: placed }],
    });
    expect(await valuesOf(registry, "open")).toEqual([
      { labels: { status: "PLACED" }, value: 3 },
      { labels: { status: "PAYMENT_PENDING" }, value: 0 },
    ]);
    placed = 1;
    expect((await valuesOf(registry, "open"))[0]?.value).toBe(1);
  });

  it("keeps the last value when a read fails, and reports NaN before any read succeeded", async () => {
    const registry = new Registry();
    const script: (() => number)[] = [
      () => {
        throw new Error("database gone");
      },
      () => 7,
      () => {
        throw new Error("database gone again");
      },
    ];
    gaugeReadAtScrape(registry, { name: "pending", help: "pending", read: async () => script.shift()!() });
    expect((await valuesOf(registry, "pending"))[0]?.value).toBeNaN();
    expect((await valuesOf(registry, "pending"))[0]?.value).toBe(7);
    expect((await valuesOf(registry, "pending"))[0]?.value).toBe(7);
    expect(await registry.metrics()).toContain("pending 7");
  });

  it("answers the scrape after the timeout and does not start a second read while one hangs", async () => {
    const registry = new Registry();
    let reads = 0;
    gaugeReadAtScrape(registry, {
      name: "slow",
      help: "slow",
      timeoutMs: 20,
      read: () => {
        reads += 1;
        return new Promise<number>(() => undefined);
      },
    });
    expect((await valuesOf(registry, "slow"))[0]?.value).toBeNaN();
    expect((await valuesOf(registry, "slow"))[0]?.value).toBeNaN();
    expect(reads).toBe(1);
  });
});

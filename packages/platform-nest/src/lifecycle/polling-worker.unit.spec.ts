import { describe, expect, it } from "vitest";
import { PollingWorker } from "./polling-worker";

class CountingWorker extends PollingWorker {
  rounds = 0;
  constructor(private readonly script: (round: number) => number) {
    super();
  }
  protected idleDelayMs(): number {
    return 1;
  }
  protected async round(): Promise<number> {
    this.rounds += 1;
    return this.script(this.rounds);
  }
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 2_000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(condition()).toBe(true);
};

describe("PollingWorker", () => {
  it("keeps going after a failed round and stops when the app shuts down", async () => {
    const worker = new CountingWorker((round) => {
      if (round === 2) throw new Error("database briefly gone");
      return 0;
    });
    worker.onApplicationBootstrap();
    await until(() => worker.rounds >= 5);
    await worker.beforeApplicationShutdown();
    const stoppedAt = worker.rounds;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(worker.rounds).toBe(stoppedAt);
  });

  it("starts one loop however often the bootstrap hook runs", async () => {
    let concurrent = 0;
    let maxConcurrent = 0;
    const worker = new (class extends CountingWorker {
      protected override async round(): Promise<number> {
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((resolve) => setTimeout(resolve, 2));
        concurrent -= 1;
        return super.round();
      }
    })(() => 0);
    worker.onApplicationBootstrap();
    worker.onApplicationBootstrap();
    await until(() => worker.rounds >= 5);
    await worker.beforeApplicationShutdown();
    expect(maxConcurrent).toBe(1);
  });
});

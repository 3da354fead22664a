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

  it("given work due in 40 ms and a 10 s poll, when a round finds nothing, then the next round runs when it comes due", async () => {
    const started = Date.now();
    const worker = new (class extends CountingWorker {
      protected override idleDelayMs(): number {
        return 10_000;
      }
      protected override async nextDueInMs(): Promise<number | undefined> {
        return started + 40 - Date.now();
      }
    })(() => 0);
    worker.onApplicationBootstrap();
    await until(() => worker.rounds >= 2);
    await worker.beforeApplicationShutdown();
    // Bounded by the 2 s of `until`, far below the 10 s poll: the due time ended the pause.
    expect(worker.rounds).toBeGreaterThanOrEqual(2);
  });

  it("given work already due that another worker holds, when rounds find nothing, then it pauses instead of spinning", async () => {
    const worker = new (class extends CountingWorker {
      protected override idleDelayMs(): number {
        return 10_000;
      }
      protected override wakeIntervalMs(): number {
        return 50;
      }
      protected override async nextDueInMs(): Promise<number | undefined> {
        return -5;
      }
    })(() => 0);
    worker.onApplicationBootstrap();
    await new Promise((resolve) => setTimeout(resolve, 120));
    await worker.beforeApplicationShutdown();
    // 50 ms apart: 2-4 rounds in 120 ms, never hundreds.
    expect(worker.rounds).toBeLessThanOrEqual(4);
  });

  it("given shutdown while the next due time is being read, then it stops at once instead of sleeping the pause", async () => {
    let answer!: (ms: number) => void;
    let asked!: () => void;
    const reading = new Promise<void>((resolve) => (asked = resolve));
    const worker = new (class extends CountingWorker {
      protected override idleDelayMs(): number {
        return 60_000;
      }
      protected override nextDueInMs(): Promise<number | undefined> {
        asked();
        return new Promise((resolve) => (answer = resolve));
      }
    })(() => 0);
    worker.onApplicationBootstrap();
    await reading;
    const stopped = worker.beforeApplicationShutdown();
    answer(30_000);
    let done = false;
    void stopped.then(() => (done = true));
    await until(() => done);
  });
});

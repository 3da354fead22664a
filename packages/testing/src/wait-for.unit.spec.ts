import { describe, expect, it } from "vitest";
import { waitFor } from "./wait-for";

describe("waitFor", () => {
  it("returns the first value the probe yields", async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? "ready" : undefined), { intervalMs: 1 });
    expect(value).toBe("ready");
    expect(calls).toBe(3);
  });

  it("gives up at the bound and names what it waited for and the last error", async () => {
    await expect(
      waitFor(
        () => {
          throw new Error("connection refused");
        },
        { timeoutMs: 20, intervalMs: 5, description: "the broker" },
      ),
    ).rejects.toThrow(/waiting for the broker; last error: connection refused/);
  });
});

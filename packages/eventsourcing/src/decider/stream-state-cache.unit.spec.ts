import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StreamStateCache } from "./stream-state-cache";

describe("StreamStateCache", () => {
  it("given a full cache, when another stream is added, then the least recently used one goes", () => {
    const cache = new StreamStateCache<string>(2);
    cache.set("a", { state: "a1", version: 1 });
    cache.set("b", { state: "b1", version: 1 });
    cache.get("a");
    cache.set("c", { state: "c1", version: 1 });
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toEqual({ state: "a1", version: 1 });
    expect(cache.get("c")).toEqual({ state: "c1", version: 1 });
  });

  it("given a stream at version 3, when a state of version 2 arrives late, then version 3 stays", () => {
    const cache = new StreamStateCache<string>();
    cache.set("a", { state: "a3", version: 3 });
    cache.set("a", { state: "a2", version: 2 });
    expect(cache.get("a")).toEqual({ state: "a3", version: 3 });
  });

  it("property: never holds more than its capacity, and of a stream it holds, the newest version written", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.constantFrom("a", "b", "c", "d", "e", "f"), { maxLength: 60 }),
        (capacity, writes) => {
          const cache = new StreamStateCache<number>(capacity);
          const newest = new Map<string, number>();
          for (const [index, stream] of writes.entries()) {
            const version = index + 1;
            cache.set(stream, { state: version, version });
            newest.set(stream, version);
            if (cache.size > capacity) return false;
          }
          return [...newest].every(([stream, version]) => {
            const held = cache.get(stream);
            return held === undefined || held.version === version;
          });
        },
      ),
    );
  });
});

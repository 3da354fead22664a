import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeSchedule, drawSchedule } from "./fault-schedule";

const options = { durationMs: 40_000, bankTimeoutMs: 1_000, maxFaultMs: 8_000 };

describe("fault schedule", () => {
  it("given one seed, draws the same schedule every time, so a failing seed replays", () => {
    expect(drawSchedule(42, options)).toEqual(drawSchedule(42, options));
    expect(describeSchedule(drawSchedule(42, options))).toEqual(describeSchedule(drawSchedule(42, options)));
  });

  it("given other seeds, draws other schedules", () => {
    const distinct = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => JSON.stringify(drawSchedule(seed, options))),
    );
    expect(distinct.size).toBeGreaterThan(4);
  });

  it("keeps every fault inside the campaign, bank faults one at a time, slow ones beyond the client timeout", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const schedule = drawSchedule(seed, options);
        const bank = schedule.filter((entry) => entry.fault.kind === "bank");
        for (const entry of schedule) {
          expect(entry.atMs).toBeGreaterThanOrEqual(0);
          expect(entry.atMs + entry.forMs).toBeLessThanOrEqual(options.durationMs);
        }
        for (const [index, entry] of bank.entries()) {
          const next = bank[index + 1];
          if (next) expect(entry.atMs + entry.forMs).toBeLessThanOrEqual(next.atMs);
          const fault = entry.fault.kind === "bank" ? entry.fault.faults : {};
          if (fault.latencyMs !== undefined && fault.capacity === undefined)
            expect(fault.latencyMs).toBeGreaterThan(options.bankTimeoutMs);
        }
      }),
    );
  });

  it("over many seeds, draws every kind of fault", () => {
    const names = new Set(
      Array.from({ length: 50 }, (_, seed) => drawSchedule(seed, options))
        .flat()
        .map((entry) =>
          entry.fault.kind === "bank"
            ? entry.fault.name
            : entry.fault.kind === "restart"
              ? `restart ${entry.fault.service}`
              : "kill",
        ),
    );
    expect([...names].sort()).toEqual([
      "capacity collapse",
      "error burst",
      "outage",
      "responses lost after commit",
      "restart payment",
      "slow, then commits (beyond the client timeout)",
    ]);
  });

  it("given services that may be killed, kills one or two at once and starts them again inside the campaign", () => {
    const killable = ["order", "payment", "inventory", "notification"];
    const restartable = ["kafka", "postgres"];
    for (let seed = 0; seed < 30; seed++) {
      const schedule = drawSchedule(seed, { ...options, killable, restartable });
      const kills = schedule.flatMap((entry) => (entry.fault.kind === "kill" ? [entry] : []));
      expect(kills.length).toBeGreaterThan(0);
      for (const kill of kills) {
        expect(kill.atMs + kill.forMs).toBeLessThan(options.durationMs);
        if (kill.fault.kind === "kill")
          expect(kill.fault.services.every((s) => killable.includes(s))).toBe(true);
      }
      for (const entry of schedule)
        if (entry.fault.kind === "restart") expect(restartable).toContain(entry.fault.service);
    }
  });

  it("given wires that may fail, breaks only those, one fault per service at a time and a second apart, inside the campaign", () => {
    const networked = [
      { service: "order", peers: ["postgres", "kafka"] },
      { service: "gateway", peers: ["postgres"] },
    ];
    const modes = new Set<string>();
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const wires = drawSchedule(seed, { ...options, networked }).flatMap((entry) =>
          entry.fault.kind === "network" ? [{ ...entry, fault: entry.fault }] : [],
        );
        expect(wires.length).toBeGreaterThan(0);
        for (const [index, wire] of wires.entries()) {
          expect(networked.find((n) => n.service === wire.fault.service)?.peers).toContain(wire.fault.peer);
          expect(wire.atMs + wire.forMs).toBeLessThan(options.durationMs);
          modes.add(wire.fault.network.mode);
          for (const other of wires.slice(index + 1))
            if (other.fault.service === wire.fault.service)
              expect(
                other.atMs >= wire.atMs + wire.forMs + 1_000 || wire.atMs >= other.atMs + other.forMs + 1_000,
              ).toBe(true);
        }
      }),
    );
    expect([...modes].sort()).toEqual(["congestion", "loss", "reset"]);
  });

  it("given no wires to break, draws what the same seed drew before network faults existed", () => {
    const killable = ["order", "payment"];
    for (let seed = 0; seed < 20; seed++) {
      const without = drawSchedule(seed, { ...options, killable });
      const withWires = drawSchedule(seed, {
        ...options,
        killable,
        networked: [{ service: "order", peers: ["kafka"] }],
      });
      expect(withWires.filter((entry) => entry.fault.kind !== "network")).toEqual(without);
    }
  });
});

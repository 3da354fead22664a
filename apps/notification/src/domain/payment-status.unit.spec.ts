import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decideQuiet,
  decideStatus,
  evolveStatus,
  initialPaymentsStatus,
  type CircuitReport,
  type PaymentsStatus,
  type StatusEvent,
} from "./payment-status";

const t = (second: number) => new Date(Date.UTC(2026, 10, 11, 0, 0, second)).toISOString();
const opened = (second: number): CircuitReport => ({ type: "CircuitOpened", at: t(second) });
const halfOpened = (second: number): CircuitReport => ({ type: "CircuitHalfOpened", at: t(second) });
const closed = (second: number): CircuitReport => ({ type: "CircuitClosed", at: t(second) });
const QUIET_MS = 60_000;

/** Applies reports in order, numbering new incidents; returns the final state and every event. */
function run(reports: CircuitReport[], start: PaymentsStatus = initialPaymentsStatus(t(0))) {
  let state = start;
  const events: StatusEvent[] = [];
  reports.forEach((report, index) => {
    for (const event of decideStatus(report, state, `incident-${index}`)) {
      events.push(event);
      state = evolveStatus(state, event);
    }
  });
  return { state, events };
}

describe("payment status", () => {
  it("an open circuit is an outage with an incident", () => {
    const { state, events } = run([opened(1)]);
    expect(state).toMatchObject({
      payments: "outage",
      since: t(1),
      openIncident: { id: "incident-0", startedAt: t(1) },
    });
    expect(events.map((event) => event.type)).toEqual(["IncidentOpened", "PaymentsStatusChanged"]);
  });

  it("half-open is degraded with the incident still open; closed is operational, and the incident ends once payments stayed up for the quiet period", () => {
    expect(run([opened(1), halfOpened(2)]).state).toMatchObject({
      payments: "degraded",
      openIncident: { id: "incident-0" },
    });
    const { state, events } = run([opened(1), halfOpened(2), closed(3)]);
    expect(state).toMatchObject({
      payments: "operational",
      since: t(3),
      openIncident: { id: "incident-0" },
      recoveringSince: t(3),
    });
    expect(events.some((event) => event.type === "IncidentResolved")).toBe(false);
    expect(decideQuiet(state, new Date(t(62)), QUIET_MS)).toEqual([]);
    expect(decideQuiet(state, new Date(t(63)), QUIET_MS)).toEqual([
      { type: "IncidentResolved", incidentId: "incident-0", resolvedAt: t(63) },
    ]);
    const resolved = evolveStatus(state, decideQuiet(state, new Date(t(63)), QUIET_MS)[0]!);
    expect(resolved).toMatchObject({ openIncident: null, recoveringSince: null });
  });

  it("given a breaker that flaps (closed, open again within the quiet period), then it is one incident, resolved once", () => {
    const { state, events } = run([opened(1), closed(5), opened(20), halfOpened(22), closed(30)]);
    expect(events.filter((event) => event.type === "IncidentOpened")).toHaveLength(1);
    expect(state).toMatchObject({ openIncident: { id: "incident-0" }, recoveringSince: t(30) });
    // 60 s after the first close, but payments went down again since: not over.
    expect(decideQuiet(state, new Date(t(65)), QUIET_MS)).toEqual([]);
    expect(decideQuiet(state, new Date(t(90)), QUIET_MS)).toEqual([
      { type: "IncidentResolved", incidentId: "incident-0", resolvedAt: t(90) },
    ]);
  });

  it("several instances reporting the same change open one incident", () => {
    const { events } = run([opened(1), opened(1), opened(2), halfOpened(3), opened(4), closed(5), closed(5)]);
    expect(events.filter((event) => event.type === "IncidentOpened")).toHaveLength(1);
  });

  it("given no incident, or payments not up, then quiet resolves nothing", () => {
    expect(decideQuiet(initialPaymentsStatus(t(0)), new Date(t(100)), QUIET_MS)).toEqual([]);
    expect(decideQuiet(run([opened(1)]).state, new Date(t(100)), QUIET_MS)).toEqual([]);
  });

  it("a stale report does not roll the status back", () => {
    expect(run([opened(5), closed(6), opened(4)]).state.payments).toBe("operational");
  });

  it("before any report, a report of any age counts (a fresh deployment reading history)", () => {
    expect(run([opened(1)], initialPaymentsStatus(t(60))).state.payments).toBe("outage");
  });

  it("closing while operational changes nothing", () => {
    expect(run([closed(1)]).events).toEqual([]);
  });
});

describe("properties", () => {
  const reportOf = fc
    .tuple(
      fc.constantFrom("CircuitOpened", "CircuitHalfOpened", "CircuitClosed"),
      fc.integer({ min: 0, max: 120 }),
    )
    .map(([type, second]) => ({ type, at: t(second) }) as CircuitReport);

  it("any sequence of circuit reports and quiet checks never yields two open incidents; one is open whenever payments are not operational, and while they are, only as a recovery", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(reportOf, fc.boolean()), { maxLength: 40 }), (steps) => {
        let state = initialPaymentsStatus(t(0));
        let open = 0;
        const apply = (events: StatusEvent[]) => {
          for (const event of events) {
            if (event.type === "IncidentOpened") open++;
            if (event.type === "IncidentResolved") {
              expect(event.incidentId).toBe(state.openIncident?.id);
              open--;
            }
            state = evolveStatus(state, event);
            expect(open).toBeLessThanOrEqual(1);
          }
        };
        steps.forEach(([report, quietCheck], index) => {
          if (quietCheck) apply(decideQuiet(state, new Date(Date.parse(report.at) + QUIET_MS), QUIET_MS));
          apply(decideStatus(report, state, `incident-${index}`));
          expect(open).toBe(state.openIncident ? 1 : 0);
          if (state.payments !== "operational") expect(state.openIncident).not.toBeNull();
          if (state.payments === "operational" && state.openIncident)
            expect(state.recoveringSince).not.toBeNull();
          if (!state.openIncident) expect(state.recoveringSince).toBeNull();
        });
      }),
    );
  });

  it("a report delivered again changes nothing", () => {
    fc.assert(
      fc.property(fc.array(reportOf, { maxLength: 20 }), reportOf, (before, report) => {
        const { state } = run([...before, report]);
        expect(decideStatus(report, state, "another-incident")).toEqual([]);
      }),
    );
  });

  it("since never moves backwards", () => {
    fc.assert(
      fc.property(fc.array(reportOf, { maxLength: 40 }), (reports) => {
        let state = initialPaymentsStatus(t(0));
        reports.forEach((report, index) => {
          const before = Date.parse(state.since);
          for (const event of decideStatus(report, state, `incident-${index}`))
            state = evolveStatus(state, event);
          expect(Date.parse(state.since)).toBeGreaterThanOrEqual(before);
        });
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
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

  it("half-open is degraded with the incident still open; closed resolves it", () => {
    expect(run([opened(1), halfOpened(2)]).state).toMatchObject({
      payments: "degraded",
      openIncident: { id: "incident-0" },
    });
    const { state, events } = run([opened(1), halfOpened(2), closed(3)]);
    expect(state).toMatchObject({ payments: "operational", since: t(3), openIncident: null });
    expect(events.at(-1)).toEqual({ type: "IncidentResolved", incidentId: "incident-0", resolvedAt: t(3) });
  });

  it("several instances reporting the same change open one incident", () => {
    const { events } = run([opened(1), opened(1), opened(2), halfOpened(3), opened(4), closed(5), closed(5)]);
    expect(events.filter((event) => event.type === "IncidentOpened")).toHaveLength(1);
    expect(events.filter((event) => event.type === "IncidentResolved")).toHaveLength(1);
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

  it("any sequence of circuit reports never yields two open incidents, and one is open exactly when payments are not operational", () => {
    fc.assert(
      fc.property(fc.array(reportOf, { maxLength: 40 }), (reports) => {
        let state = initialPaymentsStatus(t(0));
        let open = 0;
        reports.forEach((report, index) => {
          for (const event of decideStatus(report, state, `incident-${index}`)) {
            if (event.type === "IncidentOpened") open++;
            if (event.type === "IncidentResolved") {
              expect(event.incidentId).toBe(state.openIncident?.id);
              open--;
            }
            state = evolveStatus(state, event);
            expect(open).toBeLessThanOrEqual(1);
          }
          expect(open).toBe(state.openIncident ? 1 : 0);
          expect(state.openIncident === null).toBe(state.payments === "operational");
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

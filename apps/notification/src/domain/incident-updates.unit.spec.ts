import { describe, expect, it } from "vitest";
import { refusePost, timelineOf } from "./incident-updates";
import { statusTexts } from "./notification-texts";

describe("an incident's timeline", () => {
  it("given the bank fails, opens the timeline with the incident and the outage", () => {
    const lines = timelineOf(
      [
        {
          type: "IncidentOpened",
          incident: { id: "i-1", startedAt: "2026-11-11T00:10:00.000Z", message: "opened" },
        },
        {
          type: "PaymentsStatusChanged",
          payments: "outage",
          since: "2026-11-11T00:10:00.000Z",
          message: "down",
        },
      ],
      null,
    );
    expect(lines.map((line) => [line.incidentId, line.kind, line.message])).toEqual([
      ["i-1", "status", "opened"],
      ["i-1", "status", "down"],
    ]);
  });

  it("given payments change while an incident is open, adds the change to it, as a line a later change may replace", () => {
    const lines = timelineOf(
      [
        {
          type: "PaymentsStatusChanged",
          payments: "degraded",
          since: "2026-11-11T00:20:00.000Z",
          message: "slow",
        },
      ],
      "i-1",
    );
    expect(lines).toEqual([
      {
        incidentId: "i-1",
        at: "2026-11-11T00:20:00.000Z",
        kind: "status",
        message: "slow",
        collapsible: true,
      },
    ]);
  });

  it("given the incident ends, closes it with the recovery line", () => {
    const [line] = timelineOf(
      [{ type: "IncidentResolved", incidentId: "i-1", resolvedAt: "2026-11-11T01:00:00.000Z" }],
      "i-1",
    );
    expect(line).toMatchObject({ incidentId: "i-1", message: statusTexts.resolved });
  });

  it("given no incident is open, writes nothing for a change", () => {
    expect(
      timelineOf(
        [
          {
            type: "PaymentsStatusChanged",
            payments: "operational",
            since: "2026-11-11T00:00:00.000Z",
            message: "ok",
          },
        ],
        null,
      ),
    ).toEqual([]);
  });
});

describe("posts by people", () => {
  it("takes updates at any time", () => {
    expect(refusePost("update", { resolved: false })).toBeUndefined();
    expect(refusePost("update", { resolved: true })).toBeUndefined();
  });

  it("takes an apology only once the incident is resolved", () => {
    expect(refusePost("apology", { resolved: false })).toMatch(/once the incident is resolved/);
    expect(refusePost("apology", { resolved: true })).toBeUndefined();
  });
});

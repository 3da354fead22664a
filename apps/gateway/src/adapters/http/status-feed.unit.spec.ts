import { describe, expect, it } from "vitest";
import { statusFeed } from "./status-feed";

const FEED = "https://api.shop.example.com/v1/status/feed.atom";
const PAGE = "https://shop.example.com/status";

describe("the status as an Atom feed", () => {
  it("given an outage with an open incident and a past one, has an entry for the state and each incident", () => {
    const atom = statusFeed(
      {
        payments: "outage",
        since: "2026-11-11T00:10:00Z",
        message: "Our bank is not answering; your orders are kept.",
        incidents: [
          {
            id: "i-2",
            startedAt: "2026-11-11T00:10:00Z",
            message: "Payments are delayed.",
            updates: [
              { at: "2026-11-11T00:10:00Z", kind: "status", message: "Payments are delayed." },
              { at: "2026-11-11T00:12:00Z", kind: "update", message: "We are on the phone with the bank." },
            ],
          },
          {
            id: "i-1",
            startedAt: "2026-11-10T20:00:00Z",
            resolvedAt: "2026-11-10T20:30:00Z",
            message: "Payments were slow.",
            updates: [{ at: "2026-11-10T21:00:00Z", kind: "apology", message: "Sorry for the wait." }],
          },
        ],
      },
      FEED,
      PAGE,
    );
    expect(atom).toMatch(
      /^<\?xml version="1\.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/,
    );
    // The state, two incidents, one update and one apology; status lines are the incidents' own entries.
    expect(atom.match(/<entry>/g)).toHaveLength(5);
    expect(atom).toContain("We are on the phone with the bank.");
    expect(atom).toContain("What happened, and our apology");
    expect(atom).toContain('<title type="html"><![CDATA[Payments are down]]></title>');
    expect(atom).toContain(`<id>${FEED}#incident-i-2</id>`);
    expect(atom).toContain("Resolved: payments recovered");
    expect(atom).toContain(`<link href="${PAGE}"/>`);
    expect(atom).toContain("<updated>2026-11-11T00:12:00.000Z</updated>");
  });
});

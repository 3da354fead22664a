import { Feed } from "feed";
import type { z } from "zod";
import type { StatusView } from "./public-views";

type Status = z.infer<typeof StatusView>;

const HEADLINE = {
  operational: "Payments are working normally",
  degraded: "Payments are slow",
  outage: "Payments are down",
} as const;

/**
 * The status as an Atom feed (RFC 4287), the microblog of an incident that
 * any feed reader can follow: one entry for the state payments are in now,
 * one per incident (updated when it is resolved), and one per update or
 * apology people posted on it.
 */
export function statusFeed(status: Status, feedUrl: string, pageUrl: string): string {
  const updates = [
    status.since,
    ...status.incidents.map((incident) => incident.resolvedAt ?? incident.startedAt),
  ];
  const feed = new Feed({
    id: feedUrl,
    title: "peakshop status",
    description: "Whether payments work, and what happened when they did not.",
    link: pageUrl,
    feedLinks: { atom: feedUrl },
    updated: new Date(Math.max(...updates.map((at) => Date.parse(at)))),
    generator: false,
    copyright: "peakshop",
  });
  feed.addItem({
    id: `${feedUrl}#state-${status.since}`,
    title: HEADLINE[status.payments],
    link: pageUrl,
    date: new Date(status.since),
    content: status.message,
  });
  for (const incident of status.incidents) {
    for (const [index, update] of incident.updates.entries()) {
      if (update.kind === "status") continue;
      feed.addItem({
        id: `${feedUrl}#incident-${incident.id}-${index}`,
        title:
          update.kind === "apology" ? "What happened, and our apology" : "Update on the payment incident",
        link: pageUrl,
        date: new Date(update.at),
        content: update.message,
      });
    }
    feed.addItem({
      id: `${feedUrl}#incident-${incident.id}`,
      title: incident.resolvedAt ? "Resolved: payments recovered" : "Incident: payments are affected",
      link: pageUrl,
      date: new Date(incident.resolvedAt ?? incident.startedAt),
      published: new Date(incident.startedAt),
      content: incident.resolvedAt
        ? `${incident.message} Resolved at ${incident.resolvedAt}.`
        : incident.message,
    });
  }
  return feed.atom1();
}

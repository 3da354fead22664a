import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changesReceived, initiallyUnseen, newStatusEvents, unseenEntries } from "./event-streams";

const change = (status: string, at = "2026-11-11T00:00:00.000Z") => ({ status, at });

describe("order status events", () => {
  it("reads Last-Event-ID as the number of changes received; anything else as none", () => {
    expect(changesReceived(undefined)).toBe(0);
    expect(changesReceived("3")).toBe(3);
    expect(changesReceived("-1")).toBe(0);
    expect(changesReceived("abc")).toBe(0);
    expect(changesReceived("99999999")).toBe(0);
  });

  it("sends the changes after those received, numbered from there", () => {
    const history = [change("PLACED"), change("STOCK_RESERVED"), change("PAYMENT_PENDING")];
    expect(newStatusEvents("o1", history, 1)).toEqual([
      { id: "2", data: { orderId: "o1", ...history[1] } },
      { id: "3", data: { orderId: "o1", ...history[2] } },
    ]);
    expect(newStatusEvents("o1", history, 3)).toEqual([]);
    expect(newStatusEvents("o1", history, 7)).toEqual([]);
  });

  it("property: however a client splits its reconnects, it gets every change once, in order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("PLACED", "STOCK_RESERVED", "PAYMENT_PENDING", "CONFIRMED"), {
          maxLength: 12,
        }),
        fc.array(fc.nat({ max: 12 }), { maxLength: 6 }),
        (statuses, cuts) => {
          const history = statuses.map((status, index) => change(status, `t${index}`));
          const received: string[] = [];
          let lastId: string | undefined;
          // Each connection sees the history as it was then: a growing prefix.
          for (const cut of [...cuts.sort((a, b) => a - b), history.length]) {
            for (const event of newStatusEvents("o", history.slice(0, cut), changesReceived(lastId))) {
              received.push(event.data.at);
              lastId = event.id;
            }
          }
          expect(received).toEqual(history.map((entry) => entry.at));
        },
      ),
    );
  });
});

describe("notification events", () => {
  const page = (...ids: string[]) => ids.map((id) => ({ id }));

  it("sends nothing of the past to a new client, and marks it seen", () => {
    expect(initiallyUnseen(page("c", "b", "a"), undefined)).toEqual({ unseen: [], seen: ["c", "b", "a"] });
  });

  it("sends what came after Last-Event-ID, oldest first", () => {
    expect(initiallyUnseen(page("d", "c", "b", "a"), "b")).toEqual({
      unseen: page("c", "d"),
      seen: ["b", "a"],
    });
  });

  it("sends the whole page when Last-Event-ID is not on it: a duplicate beats a gap", () => {
    expect(initiallyUnseen(page("b", "a"), "zzz").unseen).toEqual(page("a", "b"));
  });

  it("sends later entries once, including one that committed late behind a newer one", () => {
    const seen = new Set(["b", "a"]);
    expect(unseenEntries(page("d", "b", "c", "a"), seen)).toEqual(page("c", "d"));
  });
});

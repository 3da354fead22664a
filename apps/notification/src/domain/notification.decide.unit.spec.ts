import fc from "fast-check";
import { deciderSpec } from "@peakshop/testing/decider-spec";
import { describe, expect, it } from "vitest";
import { decideNotifications, decideRecoveryNotifications } from "./notification.decide";
import type { NotificationDraft, NotificationKind, OrderFact } from "./notification.types";

const orderId = "3f0c9a52-8d1e-4b6f-9a2c-5e7d1b4c8a90";
const customerId = "customer-42";
const at = "2026-11-11T00:00:00.000Z";

const placed: OrderFact = { type: "OrderPlaced", orderId, customerId, totalCents: 2500, currency: "EUR", at };
const retry = (attempt: number): OrderFact => ({
  type: "PaymentRetryScheduled",
  orderId,
  customerId,
  attempt,
  deadline: "2026-11-11T00:15:00.000Z",
  at,
});
const confirmed: OrderFact = { type: "OrderConfirmed", orderId, customerId, at };
const cancelled: OrderFact = { type: "OrderCancelled", orderId, customerId, reason: "payment-declined", at };
const rejected: OrderFact = { type: "OrderRejected", orderId, customerId, skus: ["SKU-A"], at };

/** The notifications already sent for the order are its history: only their kinds matter. */
const spec = deciderSpec({
  decide: decideNotifications,
  evolve: (sent: ReadonlySet<NotificationKind>, draft: Pick<NotificationDraft, "kind">) =>
    new Set([...sent, draft.kind]),
  initialState: new Set<NotificationKind>() as ReadonlySet<NotificationKind>,
});
/** given(kinds already sent).when(fact): the notifications to send. */
const given = (...sent: NotificationKind[]) => ({
  when: (fact: OrderFact) =>
    spec
      .given(...sent.map((kind) => ({ kind })))
      .when(fact)
      .events() as NotificationDraft[],
});
const kinds = (drafts: NotificationDraft[]) => drafts.map((draft) => draft.kind);

describe("decideNotifications", () => {
  it("tells the customer their order was received", () => {
    const [draft] = given().when(placed);
    expect(draft).toEqual({
      dedupeKey: `order-received:${orderId}`,
      customerId,
      orderId,
      kind: "order-received",
      subject: "We received your order 3F0C9A52",
      message:
        "We received your order 3F0C9A52 (€25.00). We'll confirm it as soon as your payment goes through.",
    });
  });

  it("tells about a delayed payment only the first time", () => {
    expect(kinds(given("order-received").when(retry(1)))).toEqual(["payment-delayed"]);
    expect(given("order-received", "payment-delayed").when(retry(2))).toEqual([]);
  });

  it("does not call a payment delayed once the order is final", () => {
    for (const final of ["order-confirmed", "order-cancelled", "order-rejected"] as const) {
      expect(given("order-received", final).when(retry(1))).toEqual([]);
    }
  });

  it("tells each final outcome with its reason", () => {
    expect(kinds(given("order-received").when(confirmed))).toEqual(["order-confirmed"]);
    expect(given("order-received").when(cancelled)[0]?.message).toContain("your bank declined the payment");
    expect(given().when(rejected)[0]?.message).toContain("SKU-A");
  });

  it("given a charge refunded after the order was cancelled, then the customer hears the money is back, once", () => {
    const refunded: OrderFact = {
      type: "OrderRefunded",
      orderId,
      customerId,
      amountCents: 2500,
      currency: "EUR",
      at,
    };
    const [draft] = given("order-received", "order-cancelled").when(refunded);
    expect(draft).toMatchObject({
      dedupeKey: `payment-refunded:${orderId}`,
      kind: "payment-refunded",
      subject: "We refunded €25.00 for order 3F0C9A52",
    });
    expect(draft?.message).toContain("We have refunded it in full");
    expect(given("order-cancelled", "payment-refunded").when(refunded)).toEqual([]);
  });

  it("says nothing twice", () => {
    for (const fact of [placed, confirmed, cancelled, rejected]) {
      const [draft] = given().when(fact);
      expect(given(draft!.kind).when(fact)).toEqual([]);
    }
  });
});

describe("decideRecoveryNotifications", () => {
  const incidentId = "9b2f3c4d-0000-4000-8000-000000000001";

  it("apologises once per customer, naming every delayed order", () => {
    const other = "aaaaaaaa-0000-4000-8000-000000000000";
    const drafts = decideRecoveryNotifications(incidentId, [
      { customerId, orderId },
      { customerId, orderId: other },
      { customerId: "customer-7", orderId: other },
    ]);
    expect(drafts.map((d) => [d.customerId, d.orderId, d.dedupeKey])).toEqual([
      [customerId, undefined, `payment-recovered:${incidentId}:${customerId}`],
      ["customer-7", other, `payment-recovered:${incidentId}:customer-7`],
    ]);
    expect(drafts[0]?.message).toContain("orders 3F0C9A52, AAAAAAAA");
  });

  it("skips customers already told about this incident", () => {
    expect(decideRecoveryNotifications(incidentId, [{ customerId, orderId }], new Set([customerId]))).toEqual(
      [],
    );
  });
});

describe("properties", () => {
  const factOf = fc.oneof(
    fc.constant(placed),
    fc.integer({ min: 1, max: 20 }).map(retry),
    fc.constant(confirmed),
    fc.constant(cancelled),
    fc.constant(rejected),
  );

  it("any sequence of facts, redelivered any number of times, tells each kind at most once", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(factOf, fc.integer({ min: 1, max: 4 })), { maxLength: 30 }),
        (deliveries) => {
          // The store: what was sent, keyed by dedupe key (the database's unique key).
          const store = new Map<string, NotificationDraft>();
          for (const [fact, copies] of deliveries) {
            for (let copy = 0; copy < copies; copy++) {
              const sent = new Set([...store.values()].map((draft) => draft.kind));
              for (const draft of decideNotifications(fact, sent)) {
                // The decision itself never proposes what the store already holds.
                expect(store.has(draft.dedupeKey)).toBe(false);
                store.set(draft.dedupeKey, draft);
              }
            }
          }
          const sentKinds = [...store.values()].map((draft) => draft.kind);
          expect(new Set(sentKinds).size).toBe(sentKinds.length);
          // Every outcome is told; a delay is told iff one came before any final outcome.
          const types = deliveries.map(([fact]) => fact.type);
          const kindOf = {
            OrderPlaced: "order-received",
            OrderConfirmed: "order-confirmed",
            OrderCancelled: "order-cancelled",
            OrderRejected: "order-rejected",
          } as const;
          for (const [type, kind] of Object.entries(kindOf))
            expect(sentKinds.includes(kind)).toBe(types.includes(type as OrderFact["type"]));
          const firstFinal = types.findIndex(
            (type) => type === "OrderConfirmed" || type === "OrderCancelled" || type === "OrderRejected",
          );
          const delayedBeforeFinal = types
            .slice(0, firstFinal === -1 ? undefined : firstFinal)
            .includes("PaymentRetryScheduled");
          expect(sentKinds.includes("payment-delayed")).toBe(delayedBeforeFinal);
        },
      ),
    );
  });

  it("a recovery tells every delayed customer exactly once, however often it is decided", () => {
    const delayedOf = fc.array(
      fc.record({ customerId: fc.constantFrom("c1", "c2", "c3"), orderId: fc.uuid() }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(delayedOf, fc.integer({ min: 1, max: 3 }), (delayed, rounds) => {
        const told = new Set<string>();
        for (let round = 0; round < rounds; round++) {
          for (const draft of decideRecoveryNotifications("incident-1", delayed, told)) {
            expect(told.has(draft.customerId)).toBe(false);
            told.add(draft.customerId);
          }
        }
        expect(told).toEqual(new Set(delayed.map((order) => order.customerId)));
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CartCommand, CatalogPrice } from "./cart.commands";
import { cartDecider } from "./cart.decider";
import { CartError } from "./cart.errors";
import type { CartEvent, CheckedOut } from "./cart.events";
import { MAX_LINE_QUANTITY, MAX_LINES, totalCentsOf, type CartState } from "./cart.state";

// A small world so that random sequences collide: few SKUs and keys, mostly one currency,
// mostly valid quantities and full price lists, with enough invalid ones to exercise refusals.
const skus = ["A", "B", "C", "D"];
const sku = fc.constantFrom(...skus);
const often = <T>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 9, arbitrary: usual }, { weight: 1, arbitrary: rare });
const currency = often(fc.constant("EUR"), fc.constant("CNY"));
const quantity = often(fc.integer({ min: 1, max: 5 }), fc.integer({ min: -1, max: 120 }));
const key = fc.constantFrom("k1", "k2", "k3");
const token = often(fc.constant("tok_ok"), fc.constant("tok_other"));
const price = (c: fc.Arbitrary<string>) =>
  fc.record({
    name: fc.constantFrom("x", "y"),
    unitPriceCents: fc.integer({ min: 0, max: 100_000 }),
    currency: c,
  });
const priceList = often(
  fc
    .tuple(...skus.map(() => price(fc.constant("EUR"))))
    .map((list) => Object.fromEntries(list.map((p, i) => [skus[i]!, p]))),
  fc.dictionary(sku, price(currency)),
);

const command: fc.Arbitrary<CartCommand> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({ type: fc.constant("AddItem" as const), sku, quantity })
      .chain((base) => price(currency).map((p) => ({ ...base, ...p }))),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("ChangeQuantity" as const),
      sku,
      quantity: fc.integer({ min: 0, max: 120 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("RemoveItem" as const), sku }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("Checkout" as const),
      orderId: fc.uuid(),
      idempotencyKey: key,
      paymentToken: token,
      at: fc.constant("2026-11-11T00:00:00.000Z"),
      prices: priceList,
    }),
  },
);

interface Run {
  states: CartState[];
  accepted: { command: CartCommand; events: CartEvent[]; after: CartState }[];
}

function run(commands: CartCommand[]): Run {
  let state = cartDecider.initialState;
  const states = [state];
  const accepted: Run["accepted"] = [];
  for (const c of commands) {
    try {
      const events = cartDecider.decide(c, state);
      state = events.reduce(cartDecider.evolve, state);
      accepted.push({ command: c, events, after: state });
    } catch (error) {
      // A refused command changes nothing; anything but a domain error is a bug.
      if (!(error instanceof CartError)) throw error;
    }
    states.push(state);
  }
  return { states, accepted };
}

const sequences = fc.array(command, { maxLength: 60, size: "max" });

describe("cart invariants over random command sequences", () => {
  it("every line stays within 1..99, one line per SKU, at most 50 lines", () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        for (const state of run(commands).states) {
          if (state.status === "empty") continue;
          expect(state.lines.length).toBeGreaterThan(0);
          expect(state.lines.length).toBeLessThanOrEqual(MAX_LINES);
          expect(new Set(state.lines.map((l) => l.sku)).size).toBe(state.lines.length);
          for (const line of state.lines) {
            expect(Number.isInteger(line.quantity)).toBe(true);
            expect(line.quantity).toBeGreaterThanOrEqual(1);
            expect(line.quantity).toBeLessThanOrEqual(MAX_LINE_QUANTITY);
          }
        }
      }),
    );
  });

  it("the cart holds what the accepted commands asked for, and its total is the sum of its lines", () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        const { accepted, states } = run(commands);
        // An independent model: SKU -> quantity and latest price, driven by the commands alone.
        const model = new Map<string, { quantity: number; price: CatalogPrice }>();
        for (const { command: c, events } of accepted) {
          if (c.type === "AddItem") {
            model.set(c.sku, { quantity: (model.get(c.sku)?.quantity ?? 0) + c.quantity, price: c });
          } else if (c.type === "ChangeQuantity" && c.quantity > 0) {
            model.set(c.sku, { ...model.get(c.sku)!, quantity: c.quantity });
          } else if (c.type === "Checkout" && events.length > 0) {
            model.clear();
          } else if (c.type !== "Checkout") {
            model.delete(c.sku);
          }
        }
        const final = states.at(-1)!;
        const lines = final.status === "open" ? final.lines : [];
        expect(Object.fromEntries(lines.map((l) => [l.sku, l.quantity]))).toEqual(
          Object.fromEntries([...model].map(([s, m]) => [s, m.quantity])),
        );
        const modelTotal = [...model.values()].reduce(
          (sum, m) => sum + m.quantity * m.price.unitPriceCents,
          0,
        );
        expect(totalCentsOf(lines)).toBe(modelTotal);
      }),
    );
  });

  it("each idempotency key checks out exactly once, and its order id never changes", () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        const { accepted, states } = run(commands);
        const checkedOut = accepted.flatMap(({ events }) =>
          events.filter((e): e is CheckedOut => e.type === "CheckedOut"),
        );
        const keysAccepted = new Set(
          accepted.flatMap(({ command: c }) => (c.type === "Checkout" ? [c.idempotencyKey] : [])),
        );
        const final = states.at(-1)!;
        for (const k of keysAccepted) {
          const once = checkedOut.filter((e) => e.idempotencyKey === k);
          expect(once).toHaveLength(1);
          expect(final.checkouts[k]?.orderId).toBe(once[0]!.orderId);
        }
        for (const event of checkedOut) {
          expect(event.totalCents).toBe(totalCentsOf(event.lines));
          expect(event.totalCents).toBeGreaterThan(0);
        }
      }),
    );
  });

  it("a checkout always leaves an empty cart", () => {
    fc.assert(
      fc.property(sequences, (commands) => {
        for (const { events, after } of run(commands).accepted) {
          if (events.some((e) => e.type === "CheckedOut")) expect(after.status).toBe("empty");
        }
      }),
    );
  });
});

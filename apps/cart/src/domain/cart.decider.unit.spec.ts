import { fold } from "@peakshop/eventsourcing";
import { describe, expect, it } from "vitest";
import { deciderSpec } from "@peakshop/testing/decider-spec";
import type { AddItem, Checkout } from "./cart.commands";
import { cartDecider } from "./cart.decider";
import type { CartEvent, CheckedOut, ItemAdded } from "./cart.events";

const { given } = deciderSpec(cartDecider);

const phone = { sku: "SKU-PHONE", name: "Peak Phone", unitPriceCents: 49_900, currency: "EUR" };
const cases = { sku: "SKU-CASE", name: "Phone case", unitPriceCents: 1_250, currency: "EUR" };

const add = (product: typeof phone, quantity: number): AddItem => ({ type: "AddItem", ...product, quantity });
const added = (product: typeof phone, quantity: number): ItemAdded => ({
  type: "ItemAdded",
  ...product,
  quantity,
});

const checkout = (overrides: Partial<Checkout> = {}): Checkout => ({
  type: "Checkout",
  orderId: "3f0c9a52-8d1e-4b6f-9a2c-5e7d1b4c8a90",
  idempotencyKey: "key-1",
  paymentToken: "tok_ok",
  at: "2026-11-11T00:00:01.000Z",
  prices: { [phone.sku]: phone, [cases.sku]: cases },
  ...overrides,
});

const checkedOut = (overrides: Partial<CheckedOut> = {}): CheckedOut => ({
  type: "CheckedOut",
  orderId: "3f0c9a52-8d1e-4b6f-9a2c-5e7d1b4c8a90",
  idempotencyKey: "key-1",
  paymentToken: "tok_ok",
  lines: [{ sku: phone.sku, name: phone.name, quantity: 1, unitPriceCents: phone.unitPriceCents }],
  totalCents: 49_900,
  currency: "EUR",
  requestedAt: "2026-11-11T00:00:01.000Z",
  ...overrides,
});

describe("cart: adding items", () => {
  it("adds a new line priced by the catalogue", () => {
    given()
      .when(add(phone, 2))
      .then([added(phone, 2)]);
  });

  it("adds to the quantity of a line that is there", () => {
    const history: CartEvent[] = [added(phone, 2), added(phone, 3)];
    const state = fold(cartDecider, cartDecider.initialState, history);
    expect(state.status === "open" && state.lines).toEqual([
      { sku: phone.sku, name: phone.name, quantity: 5, unitPriceCents: phone.unitPriceCents },
    ]);
  });

  it.each([0, -1, 100, 1.5])("refuses a quantity of %s", (quantity) => {
    given().when(add(phone, quantity)).thenFailsWith("quantity-out-of-range");
  });

  it("refuses an add that takes a line past 99", () => {
    given(added(phone, 90)).when(add(phone, 10)).thenFailsWith("quantity-out-of-range");
    given(added(phone, 90))
      .when(add(phone, 9))
      .then([added(phone, 9)]);
  });

  it("refuses a 51st line but still adds to one of the 50", () => {
    const fifty = Array.from({ length: 50 }, (_, i) => added({ ...cases, sku: `SKU-${i}` }, 1));
    given(...fifty)
      .when(add(phone, 1))
      .thenFailsWith("too-many-lines");
    given(...fifty)
      .when(add({ ...cases, sku: "SKU-7" }, 1))
      .then([added({ ...cases, sku: "SKU-7" }, 1)]);
  });

  it("refuses an item in another currency than the cart's", () => {
    given(added(phone, 1))
      .when(add({ ...cases, currency: "CNY" }, 1))
      .thenFailsWith("currency-mismatch");
  });

  it("takes a new currency once the cart was emptied", () => {
    given(added(phone, 1), { type: "ItemRemoved", sku: phone.sku })
      .when(add({ ...cases, currency: "CNY" }, 1))
      .then([added({ ...cases, currency: "CNY" }, 1)]);
  });
});

describe("cart: changing and removing", () => {
  it("sets a line's quantity", () => {
    given(added(phone, 1))
      .when({ type: "ChangeQuantity", sku: phone.sku, quantity: 4 })
      .then([{ type: "QuantityChanged", sku: phone.sku, quantity: 4 }]);
  });

  it("removes the line when the quantity becomes 0", () => {
    given(added(phone, 1))
      .when({ type: "ChangeQuantity", sku: phone.sku, quantity: 0 })
      .then([{ type: "ItemRemoved", sku: phone.sku }]);
  });

  it("refuses to change a line that is not there, or to more than 99", () => {
    given().when({ type: "ChangeQuantity", sku: phone.sku, quantity: 1 }).thenFailsWith("item-not-in-cart");
    given(added(phone, 1))
      .when({ type: "ChangeQuantity", sku: phone.sku, quantity: 100 })
      .thenFailsWith("quantity-out-of-range");
  });

  it("does nothing when the cart already is as asked", () => {
    given(added(phone, 3)).when({ type: "ChangeQuantity", sku: phone.sku, quantity: 3 }).thenNothingHappens();
    given().when({ type: "ChangeQuantity", sku: phone.sku, quantity: 0 }).thenNothingHappens();
    given().when({ type: "RemoveItem", sku: phone.sku }).thenNothingHappens();
  });

  it("removes a line", () => {
    given(added(phone, 1), added(cases, 2))
      .when({ type: "RemoveItem", sku: cases.sku })
      .then([{ type: "ItemRemoved", sku: cases.sku }]);
  });
});

describe("cart: checkout", () => {
  it("checks out the lines at the current catalogue prices", () => {
    const repriced = { ...phone, name: "Peak Phone (festival)", unitPriceCents: 39_900 };
    given(added(phone, 1), added(cases, 2))
      .when(checkout({ prices: { [phone.sku]: repriced, [cases.sku]: cases } }))
      .then([
        checkedOut({
          lines: [
            { sku: phone.sku, name: "Peak Phone (festival)", quantity: 1, unitPriceCents: 39_900 },
            { sku: cases.sku, name: cases.name, quantity: 2, unitPriceCents: 1_250 },
          ],
          totalCents: 42_400,
        }),
      ]);
  });

  it("refuses an empty cart", () => {
    given().when(checkout()).thenFailsWith("empty-cart");
    given(added(phone, 1), { type: "ItemRemoved", sku: phone.sku })
      .when(checkout())
      .thenFailsWith("empty-cart");
  });

  it("replays a used key with the same token: no second checkout, even though the cart is empty now", () => {
    given(added(phone, 1), checkedOut()).when(checkout()).thenNothingHappens();
    given(added(phone, 1), checkedOut(), added(cases, 1)).when(checkout()).thenNothingHappens();
  });

  it("refuses a used key with another payment token", () => {
    given(added(phone, 1), checkedOut())
      .when(checkout({ paymentToken: "tok_other" }))
      .thenFailsWith("idempotency-key-reused");
  });

  it("checks out the next cart under a new key", () => {
    given(added(phone, 1), checkedOut(), added(phone, 1))
      .when(checkout({ idempotencyKey: "key-2", orderId: "0b5e1a3c-2d4f-4e6a-8b9c-0d1e2f3a4b5c" }))
      .then([checkedOut({ idempotencyKey: "key-2", orderId: "0b5e1a3c-2d4f-4e6a-8b9c-0d1e2f3a4b5c" })]);
  });

  it("asks to re-price when the cart gained a line after pricing", () => {
    given(added(phone, 1), added(cases, 1))
      .when(checkout({ prices: { [phone.sku]: phone } }))
      .thenFailsWith("price-missing");
  });

  it("refuses a re-price in another currency and a cart that costs nothing", () => {
    given(added(phone, 1))
      .when(checkout({ prices: { [phone.sku]: { ...phone, currency: "USD" } } }))
      .thenFailsWith("currency-mismatch");
    given(added(phone, 1))
      .when(checkout({ prices: { [phone.sku]: { ...phone, unitPriceCents: 0 } } }))
      .thenFailsWith("nothing-to-pay");
  });

  it("leaves an empty cart that remembers the checkout", () => {
    const state = fold(cartDecider, cartDecider.initialState, [added(phone, 1), checkedOut()]);
    expect(state).toEqual({
      status: "empty",
      checkouts: { "key-1": { orderId: checkedOut().orderId, paymentToken: "tok_ok" } },
    });
  });
});

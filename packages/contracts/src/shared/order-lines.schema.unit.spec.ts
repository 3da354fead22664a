import { describe, expect, it } from "vitest";
import { fixtureOf } from "../../test/fixture-files";
import { CheckoutRequestedV1 } from "../cart/checkout-requested.event";
import { StockRejectedV1 } from "../inventory/stock-rejected.event";
import { OrderPlacedV1 } from "../order/order-placed.event";

const checkout = CheckoutRequestedV1.schema.parse(fixtureOf(CheckoutRequestedV1));

describe("order lines", () => {
  it.each([CheckoutRequestedV1, OrderPlacedV1])(
    "$type rejects a total that is not the sum of its lines",
    (d) => {
      const data = d.schema.parse(fixtureOf(d));
      const result = d.schema.safeParse({ ...data, totalCents: data.totalCents + 1 });
      expect(result.error?.issues[0]?.path).toEqual(["totalCents"]);
    },
  );

  it("rejects the same SKU on two lines", () => {
    const [first] = checkout.items;
    const items = [first, { ...first, quantity: 1 }];
    expect(CheckoutRequestedV1.schema.safeParse({ ...checkout, items }).success).toBe(false);
  });

  it("rejects an empty order and a zero quantity", () => {
    expect(CheckoutRequestedV1.schema.safeParse({ ...checkout, items: [], totalCents: 0 }).success).toBe(
      false,
    );
    const items = checkout.items.map((line) => ({ ...line, quantity: 0 }));
    expect(CheckoutRequestedV1.schema.safeParse({ ...checkout, items }).success).toBe(false);
  });

  it("rejects an unavailable line that was in fact available", () => {
    const rejected = StockRejectedV1.schema.parse(fixtureOf(StockRejectedV1));
    const unavailable = [{ sku: "SKU-1", requested: 2, available: 2 }];
    expect(StockRejectedV1.schema.safeParse({ ...rejected, unavailable }).success).toBe(false);
  });
});

import { OrderId } from "@peakshop/contracts";
import { describe, expect, it } from "vitest";
import { orderIdFor } from "./order-id";

describe("orderIdFor", () => {
  it("is a valid UUID v5, the same for the same customer and key", () => {
    const id = orderIdFor("customer-42", "key-1");
    expect(OrderId.parse(id)).toBe(id);
    expect(id[14]).toBe("5");
    expect(orderIdFor("customer-42", "key-1")).toBe(id);
  });

  it("differs when the customer or the key differs, even if their concatenations agree", () => {
    const ids = new Set([
      orderIdFor("customer-42", "key-1"),
      orderIdFor("customer-43", "key-1"),
      orderIdFor("customer-42", "key-2"),
      orderIdFor("ab", "c"),
      orderIdFor("a", "bc"),
    ]);
    expect(ids.size).toBe(5);
  });
});

import { describe, expect, it } from "vitest";
import { AllowedMethods } from "./allowed-methods";

const allowed = new AllowedMethods({
  "/v1/cart": ["get"],
  "/v1/cart/items/{sku}": ["patch", "delete"],
  "/v1/orders/{orderId}/cancel": ["post"],
});

describe("AllowedMethods", () => {
  it("given a declared path, then it names its methods (HEAD with GET)", () => {
    expect(allowed.of("/v1/cart")).toEqual(["GET", "HEAD"]);
    expect(allowed.of("/v1/cart/items/SKU-1")).toEqual(["PATCH", "DELETE"]);
    expect(allowed.of("/v1/orders/3f0c9a52-8d1e-4b6f-9a2c-5e7d1b4c8a90/cancel")).toEqual(["POST"]);
  });

  it("given a path that is not declared, then there is nothing to allow (a 404)", () => {
    expect(allowed.of("/v1/carts")).toBeUndefined();
    expect(allowed.of("/v1/cart/items")).toBeUndefined();
    expect(allowed.of("/v1/cart/items/a/b")).toBeUndefined();
    expect(allowed.of("/v1/orders//cancel")).toBeUndefined();
  });
});

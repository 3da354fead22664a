import { problemFilterFor, problemType, type ProblemDetails } from "@peakshop/platform-nest";
import { CatalogUnavailable, UnknownProduct } from "../../application/product-catalog.port";
import { CartError, type CartErrorCode } from "../../domain/cart.errors";

const CART_ERRORS: Record<CartErrorCode, { status: number; title: string }> = {
  "quantity-out-of-range": { status: 422, title: "Quantity out of range" },
  "too-many-lines": { status: 422, title: "Too many items in the cart" },
  "currency-mismatch": { status: 422, title: "Another currency than the cart's" },
  "item-not-in-cart": { status: 404, title: "Item not in the cart" },
  "empty-cart": { status: 422, title: "Empty cart" },
  "nothing-to-pay": { status: 422, title: "Nothing to pay" },
  "idempotency-key-reused": { status: 422, title: "Idempotency-Key reused" },
  // The cart kept changing while it was re-priced; the client may simply retry.
  "price-missing": { status: 409, title: "Cart changed during checkout" },
};

function cartProblemOf(exception: unknown): ProblemDetails | undefined {
  if (exception instanceof CartError) {
    return { type: problemType(exception.code), ...CART_ERRORS[exception.code], detail: exception.message };
  }
  if (exception instanceof UnknownProduct) {
    return {
      type: problemType("unknown-product"),
      title: "Unknown product",
      status: 422,
      detail: exception.message,
    };
  }
  if (exception instanceof CatalogUnavailable) {
    const detail = "Prices cannot be looked up right now; please retry shortly.";
    return { type: problemType("catalog-unavailable"), title: "Catalog unavailable", status: 503, detail };
  }
  return undefined;
}

/** Answers every failure of the cart API as application/problem+json (RFC 9457). */
export const CartProblemsFilter = problemFilterFor({
  map: cartProblemOf,
  headers: (problem) => (problem.status === 503 ? { "retry-after": "1" } : undefined),
});

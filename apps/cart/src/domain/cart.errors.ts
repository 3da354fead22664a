export type CartErrorCode =
  | "quantity-out-of-range"
  | "too-many-lines"
  | "currency-mismatch"
  | "item-not-in-cart"
  | "empty-cart"
  | "nothing-to-pay"
  | "idempotency-key-reused"
  | "price-missing";

/** A command the cart refuses; `code` is stable and names the rule that was broken. */
export class CartError extends Error {
  constructor(
    readonly code: CartErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "CartError";
  }
}

export const quantityOutOfRange = (sku: string, quantity: number, max: number) =>
  new CartError(
    "quantity-out-of-range",
    `quantity of ${sku} must be a whole number from 1 to ${max}, got ${quantity}`,
  );

export const tooManyLines = (max: number) =>
  new CartError("too-many-lines", `a cart holds at most ${max} different items`);

export const currencyMismatch = (sku: string, cartCurrency: string, itemCurrency: string) =>
  new CartError(
    "currency-mismatch",
    `${sku} is priced in ${itemCurrency}, but the cart is in ${cartCurrency}`,
  );

export const itemNotInCart = (sku: string) => new CartError("item-not-in-cart", `${sku} is not in the cart`);

export const emptyCartCheckout = () => new CartError("empty-cart", "an empty cart cannot be checked out");

export const nothingToPay = () =>
  new CartError("nothing-to-pay", "the cart totals 0; an order needs an amount to charge");

export const idempotencyKeyReused = (key: string) =>
  new CartError(
    "idempotency-key-reused",
    `Idempotency-Key ${key} was already used for a different checkout request`,
  );

/**
 * The checkout's prices do not cover the cart: the cart changed after it was re-priced.
 * The caller re-prices and tries again.
 */
export const priceMissing = (sku: string) =>
  new CartError("price-missing", `no current price for ${sku}; the cart changed during checkout`);

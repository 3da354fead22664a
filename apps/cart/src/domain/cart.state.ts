/** One line of a cart: a SKU, how many, and the server's price of one unit when last priced. */
export interface CartLine {
  readonly sku: string;
  readonly name: string;
  /** 1..MAX_LINE_QUANTITY. */
  readonly quantity: number;
  /** Integer minor units of the cart's currency. */
  readonly unitPriceCents: number;
}

/** What a past checkout is remembered by, so a retried request with its key replays it (I5). */
export interface CheckoutRecord {
  readonly orderId: string;
  readonly paymentToken: string;
}

/**
 * A customer's stream holds every cart they ever had: a checkout empties the cart and the
 * next add starts the next one. Keeping the history in one stream is what lets a retried
 * checkout find its key after the cart it emptied is gone.
 */
interface CartHistory {
  /** Idempotency key -> the checkout made with it, for every checkout of this customer. */
  readonly checkouts: Readonly<Record<string, CheckoutRecord>>;
}

export interface EmptyCart extends CartHistory {
  readonly status: "empty";
}

export interface OpenCart extends CartHistory {
  readonly status: "open";
  /** Never empty; in the order the SKUs were first added. */
  readonly lines: readonly CartLine[];
  /** ISO 4217 code; every line is priced in it. */
  readonly currency: string;
}

export type CartState = EmptyCart | OpenCart;

export const MAX_LINE_QUANTITY = 99;
export const MAX_LINES = 50;

export const emptyCart: CartState = { status: "empty", checkouts: {} };

export function totalCentsOf(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
}

export function lineOf(state: CartState, sku: string): CartLine | undefined {
  return state.status === "open" ? state.lines.find((line) => line.sku === sku) : undefined;
}

import type { CartLine } from "./cart.state";

/** Private to the cart's stream; the published contract is CheckoutRequested in @peakshop/contracts. */
export interface ItemAdded {
  readonly type: "ItemAdded";
  readonly sku: string;
  readonly name: string;
  /** How many were added (not the new total of the line). */
  readonly quantity: number;
  /** The catalogue price at add time; it replaces the line's earlier price. */
  readonly unitPriceCents: number;
  readonly currency: string;
}

export interface QuantityChanged {
  readonly type: "QuantityChanged";
  readonly sku: string;
  /** The line's new quantity, 1..99. */
  readonly quantity: number;
}

export interface ItemRemoved {
  readonly type: "ItemRemoved";
  readonly sku: string;
}

/** The cart became an order; the lines are as re-priced at checkout. */
export interface CheckedOut {
  readonly type: "CheckedOut";
  readonly orderId: string;
  readonly idempotencyKey: string;
  readonly paymentToken: string;
  readonly lines: readonly CartLine[];
  readonly totalCents: number;
  readonly currency: string;
  readonly requestedAt: string;
}

export type CartEvent = ItemAdded | QuantityChanged | ItemRemoved | CheckedOut;

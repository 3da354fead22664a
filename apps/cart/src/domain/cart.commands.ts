/** The server's price of one product, as the catalogue gave it at the time of the command. */
export interface CatalogPrice {
  readonly name: string;
  /** Integer minor units of `currency`. */
  readonly unitPriceCents: number;
  readonly currency: string;
}

/** Adds `quantity` to the SKU's line (creating it), priced by the catalogue, never the client. */
export interface AddItem extends CatalogPrice {
  readonly type: "AddItem";
  readonly sku: string;
  readonly quantity: number;
}

/** Sets the SKU's quantity; 0 removes the line. */
export interface ChangeQuantity {
  readonly type: "ChangeQuantity";
  readonly sku: string;
  readonly quantity: number;
}

export interface RemoveItem {
  readonly type: "RemoveItem";
  readonly sku: string;
}

/**
 * Checks the cart out as one order. The order id and time arrive from outside (the domain
 * has no clock or randomness), and so do the current catalogue prices of the cart's SKUs:
 * a checkout re-prices every line.
 */
export interface Checkout {
  readonly type: "Checkout";
  readonly orderId: string;
  readonly idempotencyKey: string;
  readonly paymentToken: string;
  /** When the checkout was asked for (RFC 3339 UTC), `at` as in every command. */
  readonly at: string;
  /** SKU -> its price now; must cover every line of the cart. */
  readonly prices: Readonly<Record<string, CatalogPrice>>;
}

export type CartCommand = AddItem | ChangeQuantity | RemoveItem | Checkout;

import { totalCentsOf, type CartState } from "../domain/cart.state";

/** The cart as the HTTP API shows it. */
export interface CartView {
  customerId: string;
  items: { sku: string; name: string; quantity: number; priceCents: number }[];
  /** Integer minor units of `currency`; 0 for an empty cart. */
  totalCents: number;
  /** ISO 4217, or null while the cart is empty. */
  currency: string | null;
}

export function cartViewOf(customerId: string, cart: CartState): CartView {
  if (cart.status === "empty") return { customerId, items: [], totalCents: 0, currency: null };
  return {
    customerId,
    items: cart.lines.map(({ sku, name, quantity, unitPriceCents }) => ({
      sku,
      name,
      quantity,
      priceCents: unitPriceCents,
    })),
    totalCents: totalCentsOf(cart.lines),
    currency: cart.currency,
  };
}

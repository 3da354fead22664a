import type { OrderCommand } from "../src/domain/order.commands";

/** When every fixture happens, unless a test says otherwise. */
export const at = "2026-11-11T00:00:00.000Z";

/** One checkout of two lamps, as the saga's tests place it. */
export const placeOrder = {
  type: "PlaceOrder",
  orderId: "6c1e8f7a-3d43-4a55-9c61-3c2f2f1e0a01",
  customerId: "c-1",
  items: [{ sku: "sku-1", name: "Lamp", quantity: 2, unitPriceCents: 1500 }],
  totalCents: 3000,
  currency: "EUR",
  paymentToken: "tok_ok",
  paymentId: "7d2e9f8b-4e54-4b66-8d72-4d303f2f1b02",
  deadline: "2026-11-11T00:03:00.000Z",
  holdUntil: "2026-11-11T00:04:00.000Z",
  correlationId: "6c1e8f7a-3d43-4a55-9c61-3c2f2f1e0a02",
  at,
} as const satisfies OrderCommand;

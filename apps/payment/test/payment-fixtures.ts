/** One payment of 30 EUR for an order, as the payment tests request it. */
export const paymentDetails = {
  paymentId: "7d2e9f8b-4e54-4b66-8d72-4d303f2f1b02",
  orderId: "6c1e8f7a-3d43-4a55-9c61-3c2f2f1e0a01",
  customerId: "c-1",
  amountCents: 3000,
  currency: "EUR",
  paymentToken: "tok_ok",
  deadline: "2026-11-11T00:03:00.000Z",
  correlationId: "corr-1",
} as const;

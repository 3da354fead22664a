import type { Charge } from "../../domain/charge";
import type { Refund } from "../../domain/refund";

/** A charge as the API shows it; the payment token stays inside the bank. */
export const chargeView = (charge: Charge) => ({
  chargeId: charge.chargeId,
  idempotencyKey: charge.idempotencyKey,
  status: charge.status,
  ...(charge.declineReason ? { declineReason: charge.declineReason } : {}),
  amountCents: charge.amountCents,
  currency: charge.currency,
  reference: charge.reference,
  createdAt: charge.createdAt.toISOString(),
});

export const refundView = (refund: Refund) => ({
  refundId: refund.refundId,
  idempotencyKey: refund.idempotencyKey,
  chargeId: refund.chargeId,
  amountCents: refund.amountCents,
  createdAt: refund.createdAt.toISOString(),
});

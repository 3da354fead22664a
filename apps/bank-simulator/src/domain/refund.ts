import {
  chargeNotFound,
  chargeNotRefundable,
  idempotencyKeyReused,
  refundExceedsCaptured,
} from "./bank.errors";
import type { Charge } from "./charge";

export interface RefundRequest {
  chargeId: string;
  /** Integer minor units in the charge's currency, > 0. */
  amountCents: number;
}

export interface Refund extends RefundRequest {
  refundId: string;
  idempotencyKey: string;
  createdAt: Date;
}

export interface CreateRefund {
  idempotencyKey: string;
  request: RefundRequest;
  /** Id and time arrive with the command, so deciding stays pure. */
  refundId: string;
  at: Date;
}

/** What deciding a refund needs: the key's refund if any, the charge, and what was refunded on it. */
export interface RefundContext {
  existing: Refund | undefined;
  charge: Charge | undefined;
  /** Sum of the charge's refunds so far, minor units. */
  refundedCents: number;
}

export type RefundDecision = { kind: "created"; refund: Refund } | { kind: "replayed"; refund: Refund };

/** What may still be refunded on a charge: nothing on a declined one. */
export function refundableCents(charge: Charge, refundedCents: number): number {
  return charge.status === "captured" ? charge.amountCents - refundedCents : 0;
}

export function sameRefundRequest(a: RefundRequest, b: RefundRequest): boolean {
  return a.chargeId === b.chargeId && a.amountCents === b.amountCents;
}

/**
 * The idempotency key is looked at first, so a replay answers the same even
 * after later refunds used up the charge; a new refund never takes more than
 * was captured minus what was already refunded.
 */
export function decideRefund(command: CreateRefund, context: RefundContext): RefundDecision {
  const { existing, charge, refundedCents } = context;
  if (existing) {
    if (!sameRefundRequest(existing, command.request)) {
      throw idempotencyKeyReused(command.idempotencyKey, "refund");
    }
    return { kind: "replayed", refund: existing };
  }
  const { chargeId, amountCents } = command.request;
  if (!charge) throw chargeNotFound(chargeId);
  if (charge.status !== "captured") throw chargeNotRefundable(chargeId);
  const refundable = refundableCents(charge, refundedCents);
  if (amountCents > refundable) throw refundExceedsCaptured(chargeId, amountCents, refundable);
  return {
    kind: "created",
    refund: {
      refundId: command.refundId,
      idempotencyKey: command.idempotencyKey,
      chargeId,
      amountCents,
      createdAt: command.at,
    },
  };
}

import { idempotencyKeyReused } from "./bank.errors";

export type ChargeStatus = "captured" | "declined";
export type DeclineReason = "card-declined" | "insufficient-funds";

/** What the client asks for; the same key must always come with the same request. */
export interface ChargeRequest {
  /** Integer minor units of `currency`, > 0. */
  amountCents: number;
  /** ISO 4217 code. */
  currency: string;
  /** The client's reference (the order id). */
  reference: string;
  paymentToken: string;
}

export interface Charge extends ChargeRequest {
  chargeId: string;
  idempotencyKey: string;
  status: ChargeStatus;
  declineReason?: DeclineReason;
  createdAt: Date;
}

export interface CreateCharge {
  idempotencyKey: string;
  request: ChargeRequest;
  /** Id and time arrive with the command, so deciding stays pure. */
  chargeId: string;
  at: Date;
  /** The declineRate fault picked this charge: a good card is declined anyway. */
  forcedDecline: boolean;
}

export type ChargeDecision = { kind: "created"; charge: Charge } | { kind: "replayed"; charge: Charge };

/** The simulator's test cards; any other token is an unknown card and is declined. */
export const PAYMENT_TOKENS = {
  ok: "tok_ok",
  declined: "tok_declined",
  insufficient: "tok_insufficient",
} as const;

type Outcome = { status: "captured" } | { status: "declined"; declineReason: DeclineReason };

export function outcomeOf(paymentToken: string, forcedDecline: boolean): Outcome {
  switch (paymentToken) {
    case PAYMENT_TOKENS.ok:
      return forcedDecline ? { status: "declined", declineReason: "card-declined" } : { status: "captured" };
    case PAYMENT_TOKENS.insufficient:
      return { status: "declined", declineReason: "insufficient-funds" };
    default:
      return { status: "declined", declineReason: "card-declined" };
  }
}

export function sameChargeRequest(a: ChargeRequest, b: ChargeRequest): boolean {
  return (
    a.amountCents === b.amountCents &&
    a.currency === b.currency &&
    a.reference === b.reference &&
    a.paymentToken === b.paymentToken
  );
}

/**
 * A charge under a key that has none yet is created; under a key that has one,
 * the first charge is replayed if the request is the same, else refused: a key
 * never makes a second charge.
 */
export function decideCharge(command: CreateCharge, existing: Charge | undefined): ChargeDecision {
  if (existing) {
    if (!sameChargeRequest(existing, command.request)) {
      throw idempotencyKeyReused(command.idempotencyKey, "charge");
    }
    return { kind: "replayed", charge: existing };
  }
  const { amountCents, currency, reference, paymentToken } = command.request;
  return {
    kind: "created",
    charge: {
      chargeId: command.chargeId,
      idempotencyKey: command.idempotencyKey,
      amountCents,
      currency,
      reference,
      paymentToken,
      createdAt: command.at,
      ...outcomeOf(paymentToken, command.forcedDecline),
    },
  };
}

import type { ChargeOutcome } from "../domain/due-work";

export type { ChargeOutcome };

/**
 * The bank could not give an answer this time: timeouts, 5xx, refused
 * connections, an open circuit. `mayHaveCharged` is set when the request may
 * have reached the bank (a timeout or a reset after sending), so the next
 * attempt asks for the charge before charging again.
 */
export class BankUnavailable extends Error {
  constructor(
    message: string,
    readonly mayHaveCharged: boolean,
  ) {
    super(message);
    this.name = "BankUnavailable";
  }
}

export interface ChargeRequest {
  /** The payment id: the bank's idempotency key, so a repeated charge is the same charge. */
  idempotencyKey: string;
  amountCents: number;
  currency: string;
  /** The order id, shown on the bank's ledger. */
  reference: string;
  paymentToken: string;
}

/**
 * The bank refused the request itself (a 4xx other than 408 and 429): the
 * same request will be refused again until someone changes it. Not the bank's
 * health (the breaker ignores it), and nothing was charged or refunded.
 */
export class BankRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "BankRefused";
  }
}

export interface RefundRequest {
  idempotencyKey: string;
  chargeId: string;
  amountCents: number;
}

/** The bank's payment gateway, as the payment service needs it. */
export abstract class BankGateway {
  abstract charge(request: ChargeRequest): Promise<ChargeOutcome>;
  /** The charge made with this idempotency key, or undefined if the bank has none. */
  abstract findCharge(idempotencyKey: string): Promise<ChargeOutcome | undefined>;
  abstract refund(request: RefundRequest): Promise<{ refundId: string }>;
}

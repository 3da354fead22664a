import {
  BrokenCircuitError,
  BulkheadRejectedError,
  bulkhead,
  circuitBreaker,
  ConsecutiveBreaker,
  handleWhen,
  wrap,
  type IPolicy,
} from "cockatiel";
import { OutboundFailure, sendOutbound, type OutboundAnswer } from "@peakshop/platform-nest";
import {
  BankGateway,
  BankRefused,
  BankUnavailable,
  type ChargeOutcome,
  type ChargeRequest,
  type RefundRequest,
} from "../../application/bank-gateway.port";
import {
  bankRequestOutcome,
  BankTimeout,
  type BankOperation,
  type BankRequestOutcome,
} from "./bank-request-outcome";

export interface BankSettings {
  baseUrl: string;
  timeoutMs: number;
  /** Requests in flight toward the bank at most; more wait in a bounded queue. */
  maxConcurrency: number;
  /** Consecutive failures that open the circuit. */
  breakerThreshold: number;
  /** How long the circuit stays open before one probe request is let through. */
  halfOpenAfterMs: number;
}

export type CircuitChange = { state: "open"; reason: string } | { state: "half-open" } | { state: "closed" };

/** Who hears what happens toward the bank: the circuit's changes and each request's outcome. */
export interface BankGatewayObserver {
  circuitChanged(change: CircuitChange): void;
  /** `seconds` is how long the bank took; absent for a request that was never sent (rejected). */
  requestFinished(operation: BankOperation, outcome: BankRequestOutcome, seconds?: number): void;
}

type BankCharge = { chargeId: string; status: "captured" | "declined"; declineReason?: string };

const DECLINE_CODES = new Set(["insufficient-funds", "card-declined", "fraud-suspected"]);

/**
 * The bank over HTTP, behind cockatiel policies: a bulkhead caps concurrency
 * toward the bank, and a circuit breaker stops hammering a failing bank and
 * lets a probe through after a while. Retries are not done here: they are
 * durable and scheduled (see ProcessDueWork), so they survive restarts and
 * respect the order's deadline.
 */
export class HttpBankGateway extends BankGateway {
  private readonly policy: IPolicy;

  constructor(
    private readonly settings: BankSettings,
    private readonly observer: BankGatewayObserver,
  ) {
    super();
    const breaker = circuitBreaker(
      handleWhen((error) => error instanceof BankUnavailable),
      { halfOpenAfter: settings.halfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.breakerThreshold) },
    );
    breaker.onBreak((reason) =>
      observer.circuitChanged({
        state: "open",
        reason: "error" in reason ? String(reason.error.message) : "isolated",
      }),
    );
    breaker.onHalfOpen(() => observer.circuitChanged({ state: "half-open" }));
    breaker.onReset(() => observer.circuitChanged({ state: "closed" }));
    this.policy = wrap(bulkhead(settings.maxConcurrency, settings.maxConcurrency * 4), breaker);
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    const body = {
      amountCents: request.amountCents,
      currency: request.currency,
      reference: request.reference,
      paymentToken: request.paymentToken,
    };
    const charge = (await this.call(
      "charge",
      "POST",
      "/v1/charges",
      request.idempotencyKey,
      body,
    )) as BankCharge;
    return toOutcome(charge);
  }

  async findCharge(idempotencyKey: string): Promise<ChargeOutcome | undefined> {
    const charge = (await this.call("lookup", "GET", `/v1/charges/${encodeURIComponent(idempotencyKey)}`)) as
      BankCharge | undefined;
    return charge ? toOutcome(charge) : undefined;
  }

  async refund(request: RefundRequest): Promise<{ refundId: string }> {
    const refund = (await this.call("refund", "POST", "/v1/refunds", request.idempotencyKey, {
      chargeId: request.chargeId,
      amountCents: request.amountCents,
    })) as { refundId: string } | undefined;
    if (!refund) throw new BankUnavailable("refund answered 404", false);
    return refund;
  }

  private async call(
    operation: BankOperation,
    method: "GET" | "POST",
    path: string,
    idempotencyKey?: string,
    body?: unknown,
  ): Promise<unknown> {
    // Timed from when the policies let the request go: queueing in the bulkhead is not the bank's time.
    let sentAt: number | undefined;
    const finished = (settled: { answer: unknown } | { error: unknown }) =>
      this.observer.requestFinished(
        operation,
        bankRequestOutcome(operation, settled),
        sentAt === undefined ? undefined : (performance.now() - sentAt) / 1000,
      );
    try {
      const answer = await this.policy.execute(() => {
        sentAt = performance.now();
        return this.send(method, path, idempotencyKey, body);
      });
      finished({ answer });
      return answer;
    } catch (error) {
      finished({ error });
      if (error instanceof BrokenCircuitError)
        throw new BankUnavailable("circuit open: the bank is failing", false);
      if (error instanceof BulkheadRejectedError)
        throw new BankUnavailable("too many requests in flight to the bank", false);
      throw error;
    }
  }

  private async send(
    method: "GET" | "POST",
    path: string,
    idempotencyKey?: string,
    body?: unknown,
  ): Promise<unknown> {
    let answer: OutboundAnswer;
    try {
      // The timeout also covers reading the body: a bank that sends its headers
      // and then stalls (or drops the connection) is as unavailable as one that
      // never answers, and the request did reach it.
      answer = await sendOutbound(`${this.settings.baseUrl}${path}`, {
        method,
        headers: {
          "content-type": "application/json",
          ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.settings.timeoutMs,
      });
    } catch (error) {
      throw bankFailure(error, this.settings.timeoutMs);
    }
    const { status, text } = answer;
    if (method === "GET" && status === 404) return undefined;
    if (status >= 500) throw new BankUnavailable(`bank answered ${status}`, status !== 503);
    if (BUSY_STATUSES.has(status)) {
      // Not our request's fault: the bank is overloaded (429) or timed out reading it
      // (408). Waiting and asking again, through the breaker, is what it asks for.
      throw new BankUnavailable(`bank answered ${status}`, status === 408);
    }
    if (status < 200 || status >= 300) {
      // Other 4xx: our request is wrong; retrying cannot help, and it must not pass silently.
      throw new BankRefused(`bank refused ${method} ${path}: ${status} ${text}`, status);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new BankUnavailable(`bank answered ${status} with a body that is not JSON`, true);
    }
  }
}

/** 408 Request Timeout and 429 Too Many Requests: the bank is busy, not our request wrong. */
const BUSY_STATUSES = new Set([408, 429]);

function toOutcome(charge: BankCharge): ChargeOutcome {
  if (charge.status === "captured") return { status: "captured", chargeId: charge.chargeId };
  const code =
    charge.declineReason && DECLINE_CODES.has(charge.declineReason) ? charge.declineReason : "unknown";
  return {
    status: "declined",
    chargeId: charge.chargeId,
    reasonCode: code as "insufficient-funds" | "card-declined" | "fraud-suspected" | "unknown",
    reason: charge.declineReason ?? "declined by the bank",
  };
}

function bankFailure(error: unknown, timeoutMs: number): BankUnavailable {
  if (!(error instanceof OutboundFailure)) throw error;
  if (error.kind === "timeout") return new BankTimeout(timeoutMs);
  // Refused or unresolvable: the request never left; anything else may have reached the bank.
  return new BankUnavailable(`bank unreachable (${error.code})`, error.reachedPeer);
}

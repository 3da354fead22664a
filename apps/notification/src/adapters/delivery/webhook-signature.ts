import { createHmac, timingSafeEqual } from "node:crypto";

// How merchant systems know a webhook is ours and fresh: the signature is an
// HMAC-SHA256 over "<timestamp>.<raw body>", so neither the body nor the time
// can be changed, and a captured request cannot be replayed after the tolerance.
// Pure (no clock, no I/O): the caller passes the time; receivers can copy this file.

export const WEBHOOK_HEADERS = {
  delivery: "x-peakshop-delivery",
  timestamp: "x-peakshop-timestamp",
  signature: "x-peakshop-signature",
} as const;

/** Receivers should accept requests at most this old (or this far in the future, for clock skew). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** `v1=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>` */
export function signWebhook(secret: string, timestampSeconds: number, rawBody: string): string {
  const mac = createHmac("sha256", secret).update(`${timestampSeconds}.${rawBody}`).digest("hex");
  return `v1=${mac}`;
}

/** The headers of one webhook request. */
export function webhookHeaders(
  secret: string,
  deliveryId: string,
  timestampSeconds: number,
  rawBody: string,
) {
  return {
    [WEBHOOK_HEADERS.delivery]: deliveryId,
    [WEBHOOK_HEADERS.timestamp]: String(timestampSeconds),
    [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestampSeconds, rawBody),
  };
}

export type VerifyResult = { ok: true } | { ok: false; reason: "malformed" | "stale" | "mismatch" };

export interface VerifyInput {
  secret: string;
  timestampHeader: string | undefined;
  /** May list several comma-separated `v1=` values (e.g. while a secret is rotated); one must match. */
  signatureHeader: string | undefined;
  rawBody: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}

export function verifyWebhook(input: VerifyInput): VerifyResult {
  const { secret, timestampHeader, signatureHeader, rawBody, nowSeconds } = input;
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!timestampHeader || !/^\d{1,12}$/.test(timestampHeader) || !signatureHeader) {
    return { ok: false, reason: "malformed" };
  }
  const timestamp = Number(timestampHeader);
  if (Math.abs(nowSeconds - timestamp) > tolerance) return { ok: false, reason: "stale" };
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const matches = signatureHeader
    .split(",")
    .map((candidate) => Buffer.from(candidate.trim()))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  return matches ? { ok: true } : { ok: false, reason: "mismatch" };
}

import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook, webhookHeaders } from "./webhook-signature";

const secret = "whsec-test-0123456789";
const body = JSON.stringify({ id: "n-1", type: "order-received", message: "We received your order" });
const now = 1_794_355_200;

const verify = (overrides: Partial<Parameters<typeof verifyWebhook>[0]> = {}) =>
  verifyWebhook({
    secret,
    timestampHeader: String(now),
    signatureHeader: signWebhook(secret, now, body),
    rawBody: body,
    nowSeconds: now,
    ...overrides,
  });

describe("webhook signatures", () => {
  it("signs timestamp.body with HMAC-SHA256 as v1=<hex>", () => {
    const expected = createHmac("sha256", secret).update(`${now}.${body}`).digest("hex");
    expect(signWebhook(secret, now, body)).toBe(`v1=${expected}`);
    expect(webhookHeaders(secret, "d-1", now, body)).toEqual({
      "x-peakshop-delivery": "d-1",
      "x-peakshop-timestamp": String(now),
      "x-peakshop-signature": `v1=${expected}`,
    });
  });

  it("accepts a genuine request, within the tolerance either way", () => {
    expect(verify()).toEqual({ ok: true });
    expect(verify({ nowSeconds: now + 299 })).toEqual({ ok: true });
    expect(verify({ nowSeconds: now - 299 })).toEqual({ ok: true });
  });

  it("rejects a tampered body", () => {
    expect(verify({ rawBody: body.replace("received", "cancelled") })).toEqual({
      ok: false,
      reason: "mismatch",
    });
  });

  it("rejects the wrong secret", () => {
    expect(verify({ secret: "another-secret-0123456789" })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("rejects a changed timestamp even within the tolerance", () => {
    expect(verify({ timestampHeader: String(now + 1) })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("rejects a stale or future timestamp", () => {
    expect(verify({ nowSeconds: now + 301 })).toEqual({ ok: false, reason: "stale" });
    expect(verify({ nowSeconds: now - 301 })).toEqual({ ok: false, reason: "stale" });
    expect(verify({ nowSeconds: now + 10, toleranceSeconds: 5 })).toEqual({ ok: false, reason: "stale" });
  });

  it("rejects missing or malformed headers", () => {
    expect(verify({ signatureHeader: undefined })).toEqual({ ok: false, reason: "malformed" });
    expect(verify({ timestampHeader: "yesterday" })).toEqual({ ok: false, reason: "malformed" });
    expect(verify({ signatureHeader: "v1=abc" })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("accepts any one of several signatures (secret rotation)", () => {
    const old = signWebhook("old-secret-0123456789", now, body);
    expect(verify({ signatureHeader: `${old}, ${signWebhook(secret, now, body)}` })).toEqual({ ok: true });
  });
});

import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { receiverSecret, webhookHeaders } from "./webhook-signature";

const secret = "merchant-secret-0123456789";
const body = JSON.stringify({ id: "n-1", type: "order-confirmed", message: "Your order is confirmed." });
const sentAt = new Date();

describe("webhook signatures (Standard Webhooks)", () => {
  it("signs id, timestamp and raw body with HMAC-SHA256, as the specification says", () => {
    const headers = webhookHeaders(secret, "d-1", sentAt, body);
    const timestamp = Math.floor(sentAt.getTime() / 1_000);
    const mac = createHmac("sha256", secret).update(`d-1.${timestamp}.${body}`).digest("base64");
    expect(headers).toEqual({
      "webhook-id": "d-1",
      "webhook-timestamp": String(timestamp),
      "webhook-signature": `v1,${mac}`,
    });
  });

  it("is verified by the Standard Webhooks library with the secret merchants are given", () => {
    for (const configured of [secret, `whsec_${Buffer.from("another-key-0123456789").toString("base64")}`]) {
      const headers = webhookHeaders(configured, "d-2", sentAt, body);
      expect(() => new Webhook(receiverSecret(configured)).verify(body, headers)).not.toThrow();
    }
  });

  it("fails verification for a changed body, another secret, or an old request", () => {
    const headers = webhookHeaders(secret, "d-3", sentAt, body);
    const receiver = new Webhook(receiverSecret(secret));
    expect(() => receiver.verify(`${body} `, headers)).toThrow();
    expect(() => new Webhook(receiverSecret("someone-else-0123456789")).verify(body, headers)).toThrow();
    const old = webhookHeaders(secret, "d-4", new Date(sentAt.getTime() - 10 * 60_000), body);
    expect(() => receiver.verify(body, old)).toThrow(/timestamp/i);
  });

  it("hands merchants a Standard Webhooks secret as it is, and any other as whsec_ plus its base64", () => {
    expect(receiverSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).toBe(
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    );
    expect(receiverSecret("abc-0123456789abcdef")).toBe(
      `whsec_${Buffer.from("abc-0123456789abcdef").toString("base64")}`,
    );
  });
});

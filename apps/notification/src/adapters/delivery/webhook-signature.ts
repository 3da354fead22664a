import { Webhook } from "standardwebhooks";

// Webhooks are signed per the Standard Webhooks specification
// (https://www.standardwebhooks.com), with its reference library, so a
// merchant verifies them with an existing library in their own language:
// `webhook-id` (the delivery id, the same for every retry of a delivery),
// `webhook-timestamp` (unix seconds) and `webhook-signature`
// (`v1,<base64 HMAC-SHA256 over "<id>.<timestamp>.<raw body>">`).

const SECRET_PREFIX = "whsec_";

/**
 * The signing key. WEBHOOK_SECRET may be a Standard Webhooks secret
 * (`whsec_<base64>`), or any other string, whose UTF-8 bytes are then the key.
 */
function webhookOf(secret: string): Webhook {
  return secret.startsWith(SECRET_PREFIX) ? new Webhook(secret) : new Webhook(secret, { format: "raw" });
}

/** The secret as merchants configure it in a Standard Webhooks library: `whsec_<base64 of the key>`. */
export function receiverSecret(secret: string): string {
  return secret.startsWith(SECRET_PREFIX)
    ? secret
    : `${SECRET_PREFIX}${Buffer.from(secret, "utf8").toString("base64")}`;
}

/** The headers of one webhook request; `sentAt` is the signature's time. */
export function webhookHeaders(secret: string, deliveryId: string, sentAt: Date, rawBody: string) {
  return {
    "webhook-id": deliveryId,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1_000)),
    "webhook-signature": webhookOf(secret).sign(deliveryId, sentAt, rawBody),
  };
}

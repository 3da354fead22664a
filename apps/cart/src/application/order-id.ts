import { createHash } from "node:crypto";

// Fixed namespace of peakshop checkout order ids (a random UUID, chosen once; never change it).
const NAMESPACE = Buffer.from("6f1d2c7e4b8a4e0f9c3d5a7b1e2f4c6d", "hex");

/**
 * The order id of a customer's checkout with one idempotency key: a name-based UUID
 * (version 5, RFC 9562) of the pair. Every retry of the request, and every racing copy of
 * it, names the same order, so no attempt can leak a second id to the client.
 */
export function orderIdFor(customerId: string, idempotencyKey: string): string {
  // JSON of the pair keeps the name unambiguous whatever characters either part holds.
  const name = Buffer.from(JSON.stringify([customerId, idempotencyKey]), "utf8");
  const bytes = createHash("sha1").update(NAMESPACE).update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

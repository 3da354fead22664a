import { createHash } from "node:crypto";
import { canonicalJson } from "../domain/canonical-json";

/**
 * Fingerprint of a request for Idempotency-Key checks: the route and the
 * validated body as canonical JSON, so key order and whitespace do not make
 * one request look like two.
 */
export const requestHash = (route: string, body: unknown): string =>
  createHash("sha256")
    .update(`${route}\n${canonicalJson(body)}`)
    .digest("hex");

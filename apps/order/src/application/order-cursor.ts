import { z } from "zod";

/** Where a page of a customer's orders ends: the last order's placement time and id (newest first). */
export interface OrderCursor {
  placedAt: string;
  orderId: string;
}

const cursorShape = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

/** The opaque `nextCursor` handed to clients: base64url of the JSON pair. */
export const encodeOrderCursor = (cursor: OrderCursor): string =>
  Buffer.from(JSON.stringify([cursor.placedAt, cursor.orderId])).toString("base64url");

/**
 * A cursor a client sent back, or undefined when it is not one we issued
 * (malformed, edited, or from another API): the caller answers 400 instead
 * of letting it reach SQL.
 */
export function decodeOrderCursor(text: string): OrderCursor | undefined {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const parsed = cursorShape.safeParse(json);
  return parsed.success ? { placedAt: parsed.data[0], orderId: parsed.data[1] } : undefined;
}

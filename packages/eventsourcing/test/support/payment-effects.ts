import type { IncomingMessage } from "@peakshop/platform-nest";
import type { DataSource, EntityManager } from "typeorm";
import { z } from "zod";

const payment = z.object({ orderId: z.string(), amountCents: z.number().int() }).strict();

/** A message of one partition as the consumer hands it on, with a `ce_id` header. */
export const messageOf = (topic: string, offset: number, id: string, value: string): IncomingMessage => ({
  topic,
  partition: 0,
  offset: String(offset),
  key: "k",
  value: Buffer.from(value),
  headers: { ce_id: id },
});

/** The payment a message carries (strict: a malformed one throws, as a handler's bug would). */
export const paymentOf = (message: IncomingMessage) =>
  payment.parse(JSON.parse(message.value?.toString() ?? ""));

/** A payment message's value. */
export const amountOf = (orderId: string, amountCents: number) => JSON.stringify({ orderId, amountCents });

/**
 * The effect consumer tests look for: one `effects` row per handled message,
 * with no deduplication of its own, so only the inbox keeps it to one.
 */
export async function paymentEffects(dataSource: DataSource) {
  await dataSource.query(
    `CREATE TABLE IF NOT EXISTS effects (message_id text, order_id text, amount_cents int)`,
  );
  return {
    async recordEffect(message: IncomingMessage, manager: EntityManager): Promise<void> {
      const data = paymentOf(message);
      await manager.query(`INSERT INTO effects VALUES ($1, $2, $3)`, [
        message.headers["ce_id"],
        data.orderId,
        data.amountCents,
      ]);
    },
    async effectsOf(orderId: string): Promise<number> {
      const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM effects WHERE order_id = $1`, [
        orderId,
      ]);
      return row.n;
    },
  };
}

import type { EntityManager } from "typeorm";
import type { Allocation, ReservationRecord, Transition } from "../../application/inventory-store.port";

/** One order's reservation row. */
const COLUMNS = `order_id AS "orderId", status, lines, unavailable, hold_until AS "holdUntil",
  release_reason AS "releaseReason", version, correlation_id AS "correlationId",
  last_message_id AS "lastMessageId"`;

/** Reads one reservation; `forUpdate` locks it against a concurrent transition (release, commit, expiry). */
export async function findReservation(
  manager: EntityManager,
  orderId: string,
  { forUpdate = false } = {},
): Promise<ReservationRecord | undefined> {
  const rows: ReservationRecord[] = await manager.query(
    `SELECT ${COLUMNS} FROM reservations WHERE order_id = $1${forUpdate ? " FOR UPDATE" : ""}`,
    [orderId],
  );
  return rows[0];
}

/**
 * Inserts a new reservation and the buckets its items came from, in one
 * statement. A concurrent first reservation of the same order fails here on
 * the primary key, which rolls back this one's takes too.
 */
export async function insertReservation(
  manager: EntityManager,
  record: Omit<ReservationRecord, "releaseReason">,
  allocations: readonly Allocation[],
  now: Date,
): Promise<void> {
  await manager.query(
    `WITH reservation AS (
       INSERT INTO reservations (order_id, status, lines, unavailable, hold_until, version,
                                 correlation_id, last_message_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       RETURNING order_id
     )
     INSERT INTO reservation_allocations (order_id, sku, bucket, quantity)
     SELECT reservation.order_id, t.sku, t.bucket, t.quantity
       FROM reservation, unnest($10::text[], $11::smallint[], $12::int[]) AS t(sku, bucket, quantity)`,
    [
      record.orderId,
      record.status,
      JSON.stringify(record.lines),
      record.unavailable === null ? null : JSON.stringify(record.unavailable),
      record.holdUntil,
      record.version,
      record.correlationId,
      record.lastMessageId,
      now,
      allocations.map((allocation) => allocation.sku),
      allocations.map((allocation) => allocation.bucket),
      allocations.map((allocation) => allocation.quantity),
    ],
  );
}

/** Records transitions of reservations the caller has locked; each bumps the version by one. */
export async function saveTransitions(
  manager: EntityManager,
  transitions: readonly Transition[],
  now: Date,
): Promise<void> {
  if (transitions.length === 0) return;
  await manager.query(
    `UPDATE reservations r
        SET status = t.status, release_reason = coalesce(t.reason, r.release_reason),
            version = r.version + 1, last_message_id = t.message_id, updated_at = $5
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS t(order_id, status, reason, message_id)
      WHERE r.order_id = t.order_id`,
    [
      transitions.map((transition) => transition.orderId),
      transitions.map((transition) => transition.status),
      transitions.map((transition) => transition.releaseReason ?? null),
      transitions.map((transition) => transition.messageId),
      now,
    ],
  );
}

/** Moves the version and last message of a reservation whose state did not change (a refused commit). */
export async function recordMessage(
  manager: EntityManager,
  orderId: string,
  messageId: string,
  now: Date,
): Promise<void> {
  await manager.query(
    `UPDATE reservations SET version = version + 1, last_message_id = $2, updated_at = $3 WHERE order_id = $1`,
    [orderId, messageId, now],
  );
}

/**
 * Replaces where a reservation's items came from: a released hold's items
 * were taken again, from buckets that may differ from the first time.
 */
export async function replaceAllocations(
  manager: EntityManager,
  orderId: string,
  allocations: readonly Allocation[],
): Promise<void> {
  // Two statements: an INSERT beside a DELETE of the same keys in one statement would collide.
  await manager.query(`DELETE FROM reservation_allocations WHERE order_id = $1`, [orderId]);
  await manager.query(
    `INSERT INTO reservation_allocations (order_id, sku, bucket, quantity)
     SELECT $1, t.sku, t.bucket, t.quantity
       FROM unnest($2::text[], $3::smallint[], $4::int[]) AS t(sku, bucket, quantity)`,
    [
      orderId,
      allocations.map((allocation) => allocation.sku),
      allocations.map((allocation) => allocation.bucket),
      allocations.map((allocation) => allocation.quantity),
    ],
  );
}

/**
 * Claims live holds whose holdUntil has passed, oldest first, skipping rows
 * another sweeper (or a release or commit) holds: several instances sweep
 * side by side, and the rows stay locked until the caller's transaction ends.
 */
export async function claimDueHolds(
  manager: EntityManager,
  now: Date,
  limit: number,
): Promise<ReservationRecord[]> {
  return manager.query(
    `SELECT ${COLUMNS} FROM reservations
      WHERE status = 'held' AND hold_until <= $1
      ORDER BY hold_until
      LIMIT $2
        FOR UPDATE SKIP LOCKED`,
    [now, limit],
  );
}

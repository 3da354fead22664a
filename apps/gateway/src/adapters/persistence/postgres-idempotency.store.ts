import { Injectable } from "@nestjs/common";
import { DataSource } from "typeorm";
import { IdempotencyStore, type ClaimToken, type KeyRef } from "../../application/idempotency-store.port";
import type { IdempotencyRecord, StoredResponse } from "../../domain/idempotency";

interface Row {
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  created_at: Date;
}

@Injectable()
export class PostgresIdempotencyStore extends IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async claim(
    ref: KeyRef,
    requestHash: string,
    now: Date,
    expiredBefore: Date,
  ): Promise<{ claimed: true; token: ClaimToken } | { claimed: false; record: IdempotencyRecord }> {
    // One statement: of two concurrent claims one inserts (or takes over an
    // expired key); the other waits for its commit, then does nothing and reads
    // the winner's row.
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (customer_id, key, request_hash, created_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (customer_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at,
             response_status = NULL, response_body = NULL
         WHERE idempotency_keys.created_at < $5
       RETURNING key`,
      [ref.customerId, ref.key, requestHash, now, expiredBefore],
    );
    if (inserted.length === 1) return { claimed: true as const, token: now };
    const [row]: Row[] = await this.dataSource.query(
      `SELECT request_hash, response_status, response_body, created_at
         FROM idempotency_keys WHERE customer_id = $1 AND key = $2`,
      [ref.customerId, ref.key],
    );
    // Released between our insert and read: the key is free again, so claim it anew.
    if (!row) return this.claim(ref, requestHash, now, expiredBefore);
    return { claimed: false as const, record: toRecord(row) };
  }

  async takeOver(ref: KeyRef, staleBefore: Date, now: Date): Promise<ClaimToken | undefined> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE idempotency_keys SET created_at = $4
        WHERE customer_id = $1 AND key = $2 AND response_status IS NULL AND created_at < $3
        RETURNING key`,
      [ref.customerId, ref.key, staleBefore, now],
    );
    return countOf(rows) === 1 ? now : undefined;
  }

  async complete(ref: KeyRef, token: ClaimToken, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET response_status = $4, response_body = $5
        WHERE customer_id = $1 AND key = $2 AND created_at = $3 AND response_status IS NULL`,
      [ref.customerId, ref.key, token, response.status, JSON.stringify(response.body ?? null)],
    );
  }

  async release(ref: KeyRef, token: ClaimToken): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys
        WHERE customer_id = $1 AND key = $2 AND created_at = $3 AND response_status IS NULL`,
      [ref.customerId, ref.key, token],
    );
  }

  async purgeExpired(expiredBefore: Date, limit: number): Promise<number> {
    // Batches keep each delete short, so a backlog never holds locks long at peak.
    const deleted: unknown[] = await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE ctid IN (
         SELECT ctid FROM idempotency_keys WHERE created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING key`,
      [expiredBefore, limit],
    );
    return countOf(deleted);
  }
}

function toRecord(row: Row): IdempotencyRecord {
  return {
    requestHash: row.request_hash,
    response: row.response_status === null ? null : { status: row.response_status, body: row.response_body },
    createdAt: row.created_at,
  };
}

// TypeORM's query() answers an UPDATE ... RETURNING on pg with [rows, affected].
function countOf(result: unknown[]): number {
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === "number") return result[1];
  return result.length;
}

import { Column, Entity, PrimaryColumn } from "typeorm";

/** One row per (customer, Idempotency-Key): the request's fingerprint and, once answered, the answer. */
@Entity({ name: "idempotency_keys" })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: "customer_id", type: "text" })
  customerId!: string;

  @PrimaryColumn({ type: "text" })
  key!: string;

  @Column({ name: "request_hash", type: "text" })
  requestHash!: string;

  /** Null while the first request is in progress. */
  @Column({ name: "response_status", type: "int", nullable: true })
  responseStatus!: number | null;

  @Column({ name: "response_body", type: "jsonb", nullable: true })
  responseBody!: unknown;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}

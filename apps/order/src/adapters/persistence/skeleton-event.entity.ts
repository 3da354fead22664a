import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "skeleton_events" })
export class SkeletonEventEntity {
  @PrimaryColumn({ name: "event_id", type: "uuid" })
  eventId!: string;

  @Column({ type: "text" })
  message!: string;

  @Column({ name: "recorded_at", type: "timestamptz" })
  recordedAt!: Date;

  /** Null until Kafka acknowledged the event; the outbox relay (next issue) retries those. */
  @Column({ name: "published_at", type: "timestamptz", nullable: true })
  publishedAt!: Date | null;
}

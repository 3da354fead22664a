import { Column, Entity, PrimaryColumn } from "typeorm";

/** Read model of recorded skeleton events, kept by SkeletonEventsProjection. */
@Entity({ name: "skeleton_events" })
export class SkeletonEventEntity {
  @PrimaryColumn({ name: "event_id", type: "uuid" })
  eventId!: string;

  @Column({ type: "text" })
  message!: string;

  @Column({ name: "recorded_at", type: "timestamptz" })
  recordedAt!: Date;
}

import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "received_events" })
export class ReceivedEventEntity {
  /** The producer's event id: the primary key makes a redelivery a no-op. */
  @PrimaryColumn({ name: "event_id", type: "uuid" })
  eventId!: string;

  @Column({ type: "text" })
  message!: string;

  @Column({ name: "recorded_at", type: "timestamptz" })
  recordedAt!: Date;

  @Column({ name: "received_at", type: "timestamptz" })
  receivedAt!: Date;

  @Column({ name: "kafka_partition", type: "int" })
  partition!: number;

  @Column({ name: "kafka_offset", type: "bigint" })
  offset!: string;
}

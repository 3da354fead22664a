import type { EntityManager } from "typeorm";
import type { RecordedEvent } from "../store/event-store";

/** A read model fed from the event store, with its own checkpoint. */
export interface Projection {
  /** Unique name; the checkpoint's key. */
  name: string;
  /** Event types it reads; others only move the checkpoint on. Omit for all. */
  handles?: readonly string[];
  /** Applies one event inside the projection's transaction. */
  apply(event: RecordedEvent, manager: EntityManager): Promise<void>;
  /** Empties the read model before a rebuild. */
  reset(manager: EntityManager): Promise<void>;
}

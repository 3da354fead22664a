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
  /**
   * Empties the read model before a rebuild. For an inline projection it must
   * also lock the read model against its writers until the rebuild commits
   * (TRUNCATE does), so none writes between the reset and the replay.
   */
  reset(manager: EntityManager): Promise<void>;
  /**
   * "inline": the service's writer keeps the read model itself, in the
   * transaction that appends the events (reads see their own writes, and no
   * runner round follows each commit); the runner only rebuilds it.
   * "async" (the default): the runner feeds it after the events commit.
   */
  mode?: "async" | "inline";
}

import type { EntityManager } from "typeorm";

/** When and how to snapshot a long stream, so loading it stays cheap. */
export interface SnapshotPolicy<State> {
  /** Take a snapshot each time the stream version passes a multiple of this. */
  every: number;
  serialize(state: State): unknown;
  deserialize(raw: unknown): State;
}

export async function loadSnapshot<State>(
  manager: EntityManager,
  streamId: string,
  policy: SnapshotPolicy<State>,
): Promise<{ version: number; state: State } | undefined> {
  const [row] = (await manager.query(`SELECT version, state FROM es_snapshots WHERE stream_id = $1`, [
    streamId,
  ])) as {
    version: number;
    state: unknown;
  }[];
  return row ? { version: row.version, state: policy.deserialize(row.state) } : undefined;
}

export function crossesSnapshotPoint(previousVersion: number, nextVersion: number, every: number): boolean {
  return Math.floor(nextVersion / every) > Math.floor(previousVersion / every);
}

export async function saveSnapshot<State>(
  manager: EntityManager,
  streamId: string,
  version: number,
  state: State,
  policy: SnapshotPolicy<State>,
): Promise<void> {
  await manager.query(
    `INSERT INTO es_snapshots (stream_id, version, state) VALUES ($1, $2, $3)
     ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state, taken_at = now()
     WHERE es_snapshots.version < EXCLUDED.version`,
    [streamId, version, JSON.stringify(policy.serialize(state))],
  );
}

import { WorkSignal } from "@peakshop/platform-nest";
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from "typeorm";

/** Rows were committed to es_outbox in this process: wakes its outbox relay. */
export const outboxWritten = new WorkSignal();
/** Events were committed to es_events in this process: wakes its projections. */
export const eventsWritten = new WorkSignal();

/** Per signal, the subjects its notice will name (undefined: none, so it wakes every waiter). */
type PendingNotices = Map<WorkSignal, Set<string> | undefined>;

const waitingForCommit = new WeakMap<QueryRunner, PendingNotices>();

/**
 * Notifies `signal` (about `subjects`, e.g. the event types written) once the
 * write just made through `manager` is committed: at the commit of its
 * transaction, or at once when it ran outside one (an autocommitted statement
 * is committed when it returns). A rolled-back transaction notifies nothing.
 */
export function notifyOnCommit(
  manager: EntityManager | undefined,
  signal: WorkSignal,
  subjects?: Iterable<string>,
): void {
  const runner = manager?.queryRunner;
  if (manager) installCommitSignals(manager.connection);
  if (!runner?.isTransactionActive) {
    signal.notify(subjects);
    return;
  }
  const pending: PendingNotices = waitingForCommit.get(runner) ?? new Map();
  const named = pending.has(signal) ? pending.get(signal) : new Set<string>();
  // One write that names no subject makes the whole notice unspecific.
  pending.set(signal, subjects && named ? new Set([...named, ...subjects]) : undefined);
  waitingForCommit.set(runner, pending);
}

/**
 * TypeORM tells subscribers about every commit and rollback of its query
 * runners, whoever started the transaction; this one hands commits to the
 * signals registered for them.
 */
class CommitSignalsSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: { queryRunner: QueryRunner }): void {
    // Releasing a savepoint is reported as a commit too; only the outermost one counts.
    if (event.queryRunner.isTransactionActive) return;
    const pending = waitingForCommit.get(event.queryRunner);
    waitingForCommit.delete(event.queryRunner);
    for (const [signal, subjects] of pending ?? []) signal.notify(subjects);
  }

  afterTransactionRollback(event: { queryRunner: QueryRunner }): void {
    if (!event.queryRunner.isTransactionActive) waitingForCommit.delete(event.queryRunner);
  }
}

const installed = new WeakSet<DataSource>();

/** Lets notifyOnCommit see this data source's commits (once per data source). */
export function installCommitSignals(dataSource: DataSource): void {
  if (installed.has(dataSource)) return;
  installed.add(dataSource);
  dataSource.subscribers.push(new CommitSignalsSubscriber());
}

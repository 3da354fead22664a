import { WorkSignal } from "@peakshop/platform-nest";
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from "typeorm";

/** Rows were committed to es_outbox in this process: wakes its outbox relay. */
export const outboxWritten = new WorkSignal();
/** Events were committed to es_events in this process: wakes its projections. */
export const eventsWritten = new WorkSignal();

const waitingForCommit = new WeakMap<QueryRunner, Set<WorkSignal>>();

/**
 * Notifies `signal` once the write just made through `manager` is committed:
 * at the commit of its transaction, or at once when it ran outside one (an
 * autocommitted statement is committed when it returns). A rolled-back
 * transaction notifies nothing.
 */
export function notifyOnCommit(manager: EntityManager | undefined, signal: WorkSignal): void {
  const runner = manager?.queryRunner;
  if (manager) installCommitSignals(manager.connection);
  if (!runner?.isTransactionActive) {
    signal.notify();
    return;
  }
  const signals = waitingForCommit.get(runner) ?? new Set<WorkSignal>();
  signals.add(signal);
  waitingForCommit.set(runner, signals);
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
    const signals = waitingForCommit.get(event.queryRunner);
    waitingForCommit.delete(event.queryRunner);
    for (const signal of signals ?? []) signal.notify();
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

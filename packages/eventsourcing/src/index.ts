export { fold, stepWorkflow, type Decider, type Workflow } from "./decider/decider";
export { handleCommand, type CommandHandlerOptions, type CommandResult } from "./decider/command-handler";
export { handleCommandOnce } from "./decider/command-once";
export { streamStateCacheOf, type CachedState } from "./decider/stream-state-cache";
export {
  ConcurrencyError,
  MessageAlreadyHandled,
  type AppendOptions,
  type AppendResult,
  type EventMetadata,
  type ExpectedVersion,
  type InboxEntry,
  type NewEvent,
  type OutboxMessage,
  type RecordedEvent,
} from "./store/event-store";
export { PostgresEventStore } from "./store/postgres-event-store";
export { writeCtes, writeTogether, type SqlStatement } from "./store/sql-statement";
export { afterCommit, transactionWithAfterCommit } from "./store/after-commit";
export { eventsWritten, notifyOnCommit, outboxWritten } from "./store/commit-signals";
export { type SnapshotPolicy } from "./store/snapshots";
export { enqueueOutbox, outboxColumns, OUTBOX_SLOTS, slotOf } from "./outbox/outbox-writer";
export { OutboxRelay, type OutboxRelayOptions } from "./outbox/outbox-relay";
export { handleOnce, type InboxOutcome } from "./inbox/inbox";
export { writeOnce } from "./inbox/write-once";
export { purgeInbox } from "./inbox/inbox-retention";
export { messageIdOf, type IncomingMessage } from "./consumer/incoming-message";
export { classifyFailure, PermanentFailure, type FailureKind } from "./consumer/failure-kinds";
export { DEAD_LETTER_HEADERS, deadLetterTopicOf, toDeadLetter, toReplay } from "./consumer/dead-letter";
export {
  everyMessage,
  ReliableConsumer,
  type ConsumeOutcome,
  type MessageHandler,
  type ReliableConsumerOptions,
} from "./consumer/reliable-consumer";
export { type Projection } from "./projections/projection";
export { ProjectionRunner, type ProjectionRunnerOptions } from "./projections/projection-runner";
export { listDeadLetters, replayDeadLetters, type DeadLetterSummary } from "./cli/dead-letters";
export {
  CreateEventStore1764060000000,
  EVENTSOURCING_MIGRATIONS,
  ExpectStreamVersion1765100000000,
  IndexInboxHandledAt1764300000000,
} from "./migrations";
export { checkDeliveries, type Delivery, type DeliveryReport } from "./checks/delivery-check";
export { EventSourcingModule, type EventSourcingSettings } from "./nest/eventsourcing.module";
export { runServiceCli, SERVICE_CLI_USAGE, serviceCliMain, type ServiceCliContext } from "./cli/service-cli";

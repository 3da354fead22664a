import type { KafkaPort } from "@peakshop/platform-nest";
import type { DataSource, EntityManager } from "typeorm";
import { handleAllOnce, handleOnce, type InboxOutcome } from "../inbox/inbox";
import { toDeadLetter } from "./dead-letter";
import { classifyFailure } from "./failure-kinds";
import { messageIdOf, type IncomingMessage } from "./incoming-message";
import { SharedInboxTransactions, SharedTransactionFailed, type InboxWork } from "./shared-transaction";

export interface ReliableConsumerOptions {
  /** Consumer name: the inbox scope and the dead-letter topic's prefix. */
  consumer: string;
  /** Attempts before a message is dead-lettered (transient failures). */
  maxAttempts?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  clock?: () => Date;
  /** Each message as it arrives, before it is handled (lets metrics start a topic's series). */
  onReceived?: (message: IncomingMessage) => void;
  /** After the message was published to the dead-letter topic. */
  onDeadLetter?: (message: IncomingMessage, error: unknown) => void;
}

export type ConsumeOutcome = InboxOutcome | "ignored" | "dead-lettered";

/** How a service consumes a topic's messages. */
export interface MessageHandler<Input> {
  /**
   * What the message asks of the service, or undefined when it is none of the
   * service's business (another type on the same topic): such a message is
   * acknowledged without a transaction. Throws for a message that breaks its
   * contract, which is then dead-lettered.
   */
  select(message: IncomingMessage): Input | undefined;
  /** Acts on the input inside the transaction that records the message in the inbox. */
  handle(input: Input, manager: EntityManager, message: IncomingMessage): Promise<void>;
}

/** A handler that acts on every message. */
export function everyMessage(
  handle: (message: IncomingMessage, manager: EntityManager) => Promise<void>,
): MessageHandler<IncomingMessage> {
  return { select: (message) => message, handle: (message, manager) => handle(message, manager) };
}

type Selected<Input> =
  { message: IncomingMessage; input: Input } | { message: IncomingMessage; error: unknown };

/**
 * The path every consumed message takes: the handler runs inside the inbox
 * transaction (effectively once); failures are retried with exponential backoff
 * a bounded number of times, then the message goes to the dead-letter topic with
 * the error and its origin, so one poison message cannot stall its partition.
 * Failures of our own infrastructure are rethrown instead (see classifyFailure).
 *
 * Messages come in batches (one partition's, in order), and the batches that
 * arrive together, from every partition and topic of a fetch, share one
 * transaction (one inbox insert, one commit; see SharedInboxTransactions).
 * Messages the service does not act on (see MessageHandler.select) take no
 * transaction at all. If the shared transaction fails, each batch is handled
 * again on its own, and if that fails too its messages one by one, so only
 * the failing message is retried and dead-lettered, exactly as if it had come
 * alone.
 */
export class ReliableConsumer {
  private readonly settings: Required<Omit<ReliableConsumerOptions, "onReceived" | "onDeadLetter">> &
    ReliableConsumerOptions;
  private readonly shared: SharedInboxTransactions;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaPort,
    options: ReliableConsumerOptions,
  ) {
    this.settings = {
      maxAttempts: 5,
      initialBackoffMs: 100,
      maxBackoffMs: 2_000,
      clock: () => new Date(),
      ...options,
    };
    this.shared = new SharedInboxTransactions(dataSource, this.settings.consumer);
  }

  /** Handles one message: see processBatch for several. */
  async process<Input>(message: IncomingMessage, handler: MessageHandler<Input>): Promise<ConsumeOutcome> {
    const [outcome] = await this.processBatch([message], handler);
    return outcome!;
  }

  /** Handles messages of one partition, in order, sharing one transaction where they can. */
  async processBatch<Input>(
    messages: readonly IncomingMessage[],
    handler: MessageHandler<Input>,
  ): Promise<ConsumeOutcome[]> {
    const outcomes: ConsumeOutcome[] = messages.map(() => "ignored");
    const selected: (Selected<Input> & { index: number })[] = [];
    for (const [index, message] of messages.entries()) {
      this.settings.onReceived?.(message);
      try {
        const input = handler.select(message);
        if (input !== undefined) selected.push({ index, message, input });
      } catch (error) {
        selected.push({ index, message, error });
      }
    }
    const clean = selected.every((item) => "input" in item);
    const handled = clean && selected.length > 0 ? await this.processTogether(selected, handler) : undefined;
    if (handled) {
      handled.forEach((outcome, at) => (outcomes[selected[at]!.index] = outcome));
      return outcomes;
    }
    for (const item of selected) outcomes[item.index] = await this.processAlone(item, handler);
    return outcomes;
  }

  /** The batch in a shared transaction, else in one of its own; undefined when neither committed. */
  private async processTogether<Input>(
    selected: readonly Selected<Input>[],
    handler: MessageHandler<Input>,
  ): Promise<InboxOutcome[] | undefined> {
    const work: InboxWork = {
      messageIds: selected.map((item) => messageIdOf(item.message)),
      effect: (at, manager) => {
        const item = selected[at] as { message: IncomingMessage; input: Input };
        return handler.handle(item.input, manager, item.message);
      },
    };
    try {
      return await this.shared.run(work);
    } catch (failure) {
      const error = failure instanceof SharedTransactionFailed ? failure.cause : failure;
      if (classifyFailure(error) === "infrastructure") throw error;
      // Alone in it: the batch already failed on its own.
      if (!(failure instanceof SharedTransactionFailed && failure.shared)) return undefined;
    }
    try {
      return await handleAllOnce(this.dataSource, this.settings.consumer, work.messageIds, work.effect);
    } catch (error) {
      if (classifyFailure(error) === "infrastructure") throw error;
      return undefined;
    }
  }

  private async processAlone<Input>(
    item: Selected<Input>,
    handler: MessageHandler<Input>,
  ): Promise<ConsumeOutcome> {
    const { consumer, maxAttempts } = this.settings;
    const { message } = item;
    for (let attempt = 1; ; attempt++) {
      try {
        if ("error" in item) throw item.error;
        return await handleOnce(this.dataSource, consumer, messageIdOf(message), (manager) =>
          handler.handle(item.input, manager, message),
        );
      } catch (error) {
        const kind = classifyFailure(error);
        if (kind === "infrastructure") throw error;
        if (kind === "permanent" || attempt >= maxAttempts) {
          await this.kafka.publish([
            toDeadLetter(message, consumer, error, {
              kind,
              attempts: attempt,
              failedAt: this.settings.clock(),
            }),
          ]);
          this.settings.onDeadLetter?.(message, error);
          return "dead-lettered";
        }
        await sleep(this.backoff(attempt));
      }
    }
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.settings.maxBackoffMs, this.settings.initialBackoffMs * 2 ** (attempt - 1));
    // Full jitter: spreads retries of many consumers hitting one failure.
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

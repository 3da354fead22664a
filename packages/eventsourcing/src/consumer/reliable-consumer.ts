import { consumeTraced, type KafkaPort } from "@peakshop/platform-nest";
import type { DataSource, EntityManager } from "typeorm";
import { handleAllOnce, handleOnce, type InboxOutcome } from "../inbox/inbox";
import { toDeadLetter } from "./dead-letter";
import { classifyFailure } from "./failure-kinds";
import type { InboxEntry } from "../store/event-store";
import { messageIdOf, type IncomingMessage } from "./incoming-message";

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
  /**
   * Optional, for a message that came alone: acts on it and records it in the
   * inbox without a transaction, in one statement (see handleCommandOnce).
   * Resolves undefined when the message needs handle()'s transaction after
   * all, which then follows.
   */
  handleAlone?(input: Input, inbox: InboxEntry, message: IncomingMessage): Promise<InboxOutcome | undefined>;
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
 * Under load messages come in batches, handled in one transaction (one inbox
 * insert, one commit); messages the service does not act on (see
 * MessageHandler.select) take no transaction at all. If any message of a batch fails, the batch is rolled
 * back and its messages are handled one by one, so only the failing one is
 * retried and dead-lettered, exactly as if it had come alone. A message that
 * comes alone takes no transaction either when its handler can act on it in
 * one statement (MessageHandler.handleAlone).
 */
export class ReliableConsumer {
  private readonly settings: Required<Omit<ReliableConsumerOptions, "onReceived" | "onDeadLetter">> &
    ReliableConsumerOptions;

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
    if (clean && selected.length > 1) {
      try {
        const ids = selected.map((item) => messageIdOf(item.message));
        const handled = await handleAllOnce(this.dataSource, this.settings.consumer, ids, (at, manager) => {
          const item = selected[at] as { message: IncomingMessage; input: Input };
          return consumeTraced(item.message, this.settings.consumer, () =>
            handler.handle(item.input, manager, item.message),
          );
        });
        handled.forEach((outcome, at) => (outcomes[selected[at]!.index] = outcome));
        return outcomes;
      } catch (error) {
        if (classifyFailure(error) === "infrastructure") throw error;
      }
    }
    for (const item of selected) outcomes[item.index] = await this.processAlone(item, handler);
    return outcomes;
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
        const messageId = messageIdOf(message);
        const input = item.input;
        return await consumeTraced(message, consumer, async () => {
          const alone = await handler.handleAlone?.(input, { consumer, messageId }, message);
          return (
            alone ??
            handleOnce(this.dataSource, consumer, messageId, (manager) =>
              handler.handle(input, manager, message),
            )
          );
        });
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

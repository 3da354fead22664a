import type { KafkaPort } from "@peakshop/platform-nest";
import type { DataSource, EntityManager } from "typeorm";
import { handleAllOnce, handleOnce, type InboxOutcome } from "../inbox/inbox";
import { toDeadLetter } from "./dead-letter";
import { classifyFailure } from "./failure-kinds";
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

export type ConsumeOutcome = InboxOutcome | "dead-lettered";

/** What a service does with one message, inside the transaction that records it in the inbox. */
export type MessageHandler = (message: IncomingMessage, manager: EntityManager) => Promise<void>;

/**
 * The path every consumed message takes: the handler runs inside the inbox
 * transaction (effectively once); failures are retried with exponential backoff
 * a bounded number of times, then the message goes to the dead-letter topic with
 * the error and its origin, so one poison message cannot stall its partition.
 * Failures of our own infrastructure are rethrown instead (see classifyFailure).
 *
 * Under load messages come in batches, handled in one transaction (one inbox
 * insert, one commit). If any message of a batch fails, the batch is rolled
 * back and its messages are handled one by one, so only the failing one is
 * retried and dead-lettered, exactly as if it had come alone.
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
  async process(message: IncomingMessage, handler: MessageHandler): Promise<ConsumeOutcome> {
    this.settings.onReceived?.(message);
    return this.processAlone(message, handler);
  }

  /** Handles messages of one partition, in order, sharing one transaction where they can. */
  async processBatch(
    messages: readonly IncomingMessage[],
    handler: MessageHandler,
  ): Promise<ConsumeOutcome[]> {
    for (const message of messages) this.settings.onReceived?.(message);
    if (messages.length === 1) return [await this.processAlone(messages[0]!, handler)];
    try {
      return await handleAllOnce(
        this.dataSource,
        this.settings.consumer,
        messages.map(messageIdOf),
        (index, manager) => handler(messages[index]!, manager),
      );
    } catch (error) {
      if (classifyFailure(error) === "infrastructure") throw error;
      const outcomes: ConsumeOutcome[] = [];
      for (const message of messages) outcomes.push(await this.processAlone(message, handler));
      return outcomes;
    }
  }

  private async processAlone(message: IncomingMessage, handler: MessageHandler): Promise<ConsumeOutcome> {
    const { consumer, maxAttempts } = this.settings;
    for (let attempt = 1; ; attempt++) {
      try {
        return await handleOnce(this.dataSource, consumer, messageIdOf(message), (manager) =>
          handler(message, manager),
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

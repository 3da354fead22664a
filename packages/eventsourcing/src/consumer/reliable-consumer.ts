import type { KafkaPort } from "@peakshop/platform-nest";
import type { DataSource, EntityManager } from "typeorm";
import { handleOnce, type InboxOutcome } from "../inbox/inbox";
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

/**
 * The path every consumed message takes: the handler runs inside the inbox
 * transaction (effectively once); failures are retried with exponential backoff
 * a bounded number of times, then the message goes to the dead-letter topic with
 * the error and its origin, so one poison message cannot stall its partition.
 * Failures of our own infrastructure are rethrown instead (see classifyFailure).
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

  async process(
    message: IncomingMessage,
    handler: (message: IncomingMessage, manager: EntityManager) => Promise<void>,
  ): Promise<ConsumeOutcome> {
    const { consumer, maxAttempts } = this.settings;
    this.settings.onReceived?.(message);
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

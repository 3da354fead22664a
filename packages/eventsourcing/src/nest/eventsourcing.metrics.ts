import { gaugeReadAtScrape } from "@peakshop/platform-nest";
import { Counter, type Registry } from "prom-client";
import type { DataSource } from "typeorm";
import type { IncomingMessage } from "../consumer/incoming-message";
import { countPendingOutbox, OUTBOX_COUNT_CAP } from "../outbox/outbox-backlog";

/** What every event-sourced service reports about its messaging: dead letters and the outbox backlog. */
export class EventSourcingMetrics {
  private readonly deadLetters: Counter<"consumer" | "topic">;
  private readonly topicsSeen = new Set<string>();

  constructor(
    registry: Registry,
    dataSource: DataSource,
    private readonly consumer: string,
  ) {
    this.deadLetters = new Counter({
      name: "peakshop_dead_letters_total",
      help: "Messages sent to the consumer's dead-letter topic (after that publish succeeded), by consumer and original topic",
      labelNames: ["consumer", "topic"],
      registers: [registry],
    });
    gaugeReadAtScrape(registry, {
      name: "peakshop_outbox_pending",
      help: `Rows waiting in this service's transactional outbox (es_outbox), counted up to ${OUTBOX_COUNT_CAP}`,
      read: () => countPendingOutbox(dataSource),
    });
  }

  /** Starts a topic's dead-letter series at 0 with its first message, so increase() sees the first dead letter. */
  received(message: IncomingMessage): void {
    if (this.topicsSeen.has(message.topic)) return;
    this.topicsSeen.add(message.topic);
    this.deadLetters.inc({ consumer: this.consumer, topic: message.topic }, 0);
  }

  deadLettered(message: IncomingMessage): void {
    this.deadLetters.inc({ consumer: this.consumer, topic: message.topic });
  }
}

import { Inject, Injectable, Logger } from "@nestjs/common";
import { enqueueOutbox } from "@peakshop/eventsourcing";
import { continueTrace, SERVICE_CONFIG } from "@peakshop/platform-nest";
import { Counter, Registry } from "prom-client";
import { DataSource } from "typeorm";
import { z } from "zod";
import type { NotificationConfig } from "../config";
import { afterFailedAttempt } from "../domain/delivery-policy";
import { customerNotifiedRecord } from "./customer-notified.message";
import { EmailSender, WebhookSender } from "./delivery-channels.port";
import { Deliveries, Notifications, type ClaimedDelivery } from "./notification-store.ports";

const emailPayload = z.object({ to: z.string(), subject: z.string(), text: z.string() });
const webhookPayload = z.object({ url: z.string(), body: z.string() });

/**
 * One round of the delivery queue: claim due e-mails and webhooks, send them
 * at once, then settle them: the delivered together (with their
 * CustomerNotified, in one transaction), each failed one retried later with
 * backoff, or given up after the last attempt.
 */
@Injectable()
export class DeliverNotificationsHandler {
  private readonly logger = new Logger("Deliveries");
  private readonly outcomes: Counter<"channel" | "outcome">;

  constructor(
    private readonly deliveries: Deliveries,
    private readonly notifications: Notifications,
    private readonly dataSource: DataSource,
    private readonly email: EmailSender,
    private readonly webhook: WebhookSender,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    registry: Registry,
  ) {
    this.outcomes = new Counter({
      name: "peakshop_notification_delivery_attempts_total",
      help: "E-mail and webhook delivery attempts, by channel and outcome (delivered, retry, failed)",
      labelNames: ["channel", "outcome"],
      registers: [registry],
    });
  }

  /** Returns how many deliveries were claimed; a full batch means more may be due. */
  async deliverDue(): Promise<number> {
    const claimed = await this.deliveries.claimDue(
      this.config.DELIVERY_BATCH_SIZE,
      this.config.DELIVERY_LEASE_MS,
    );
    const sent = await Promise.allSettled(claimed.map((delivery) => this.send(delivery)));
    const delivered = claimed.filter((_, index) => sent[index]?.status === "fulfilled");
    const settled = await Promise.allSettled([
      this.settleDelivered(delivered),
      ...claimed.flatMap((delivery, index) => {
        const result = sent[index];
        if (result?.status !== "rejected") return [];
        const error = result.reason instanceof Error ? result.reason.message : String(result.reason);
        return [this.failed(delivery, error)];
      }),
    ]);
    for (const result of settled) {
      // Settling failed (our database); the lease brings the deliveries back.
      if (result.status === "rejected")
        this.logger.error({ err: result.reason }, "could not settle deliveries");
    }
    return claimed.length;
  }

  /**
   * Marks a round's sent deliveries delivered, with each notification's first
   * CustomerNotified per channel, in one transaction: a round's settlements
   * share one commit instead of one each. If that fails, each is settled
   * alone, so one bad delivery cannot send the whole round again.
   */
  private async settleDelivered(sent: ClaimedDelivery[]): Promise<void> {
    if (sent.length === 0) return;
    try {
      await this.settle(sent);
      return;
    } catch (error) {
      if (sent.length === 1) throw error;
      this.logger.warn(
        { err: error, deliveries: sent.length },
        "settling a round together failed; one by one",
      );
    }
    let firstError: unknown;
    for (const delivery of sent) {
      await this.settle([delivery]).catch((error: unknown) => (firstError ??= error));
    }
    if (firstError !== undefined) throw firstError;
  }

  private async settle(sent: ClaimedDelivery[]): Promise<void> {
    const now = new Date();
    const newlyDelivered = await this.dataSource.transaction(async (manager) => {
      const marked = await this.deliveries.markDelivered(
        manager,
        sent.map((delivery) => delivery.id),
      );
      const delivered = sent.filter((delivery) => marked.has(delivery.id));
      const notices = [];
      for (const channel of new Set(delivered.map((delivery) => delivery.channel))) {
        const ofChannel = delivered.filter((delivery) => delivery.channel === channel);
        // Inserted in one id order by every worker, so two settling overlapping
        // rounds cannot deadlock (the UPDATE above locks in index order anyway).
        const first = await this.notifications.markNotified(
          manager,
          [...new Set(ofChannel.map((delivery) => delivery.notificationId))].sort(),
          channel,
          now,
        );
        // One notification may have several deliveries on a channel (a webhook
        // per URL): its CustomerNotified goes out once, with the first of them.
        notices.push(
          ...ofChannel
            .filter((delivery) => first.delete(delivery.notificationId))
            .map((delivery) => customerNotifiedRecord(delivery, delivery.channel, now, delivery.id)),
        );
      }
      await enqueueOutbox(manager, notices);
      return delivered;
    });
    for (const delivery of newlyDelivered)
      this.outcomes.inc({ channel: delivery.channel, outcome: "delivered" });
  }

  /** Sends in the trace that decided the delivery, so a late e-mail or webhook joins its checkout's trace. */
  private send(delivery: ClaimedDelivery): Promise<void> {
    const attributes = {
      "peakshop.delivery.id": delivery.id,
      "peakshop.delivery.attempt": delivery.attempt,
      "peakshop.notification.kind": delivery.kind,
    };
    return continueTrace(`notification deliver ${delivery.channel}`, delivery.traceparent, attributes, () =>
      delivery.channel === "email"
        ? this.email.send({ deliveryId: delivery.id, ...emailPayload.parse(delivery.payload) })
        : this.webhook.send({ deliveryId: delivery.id, ...webhookPayload.parse(delivery.payload) }),
    );
  }

  private async failed(delivery: ClaimedDelivery, error: string): Promise<void> {
    const outcome = afterFailedAttempt(
      delivery.attempt,
      {
        maxAttempts: this.config.DELIVERY_MAX_ATTEMPTS,
        baseDelayMs: this.config.DELIVERY_BACKOFF_MS,
        maxDelayMs: this.config.DELIVERY_MAX_BACKOFF_MS,
      },
      Math.random(),
    );
    const context = { deliveryId: delivery.id, channel: delivery.channel, attempt: delivery.attempt, error };
    if (outcome.type === "retry") {
      this.logger.warn({ ...context, retryInMs: outcome.delayMs }, "delivery failed; retrying later");
      await this.deliveries.scheduleRetry(delivery.id, outcome.delayMs, error);
      this.outcomes.inc({ channel: delivery.channel, outcome: "retry" });
    } else {
      this.logger.error(
        { ...context, notificationId: delivery.notificationId },
        "delivery failed for good; giving up",
      );
      await this.deliveries.markFailed(delivery.id, error);
      this.outcomes.inc({ channel: delivery.channel, outcome: "failed" });
    }
  }
}

import { Inject, Injectable, Logger } from "@nestjs/common";
import { enqueueOutbox } from "@peakshop/eventsourcing";
import { SERVICE_CONFIG } from "@peakshop/platform-nest";
import { Counter, Registry } from "prom-client";
import { DataSource } from "typeorm";
import { z } from "zod";
import { DeliveriesRepository, type ClaimedDelivery } from "../adapters/persistence/deliveries.repository";
import { NotificationsRepository } from "../adapters/persistence/notifications.repository";
import type { NotificationConfig } from "../config";
import { afterFailedAttempt } from "../domain/delivery-policy";
import { customerNotifiedRecord } from "./customer-notified.message";
import { EmailSender, WebhookSender } from "./delivery-channels.port";

const emailPayload = z.object({ to: z.string(), subject: z.string(), text: z.string() });
const webhookPayload = z.object({ url: z.string(), body: z.string() });

/**
 * One round of the delivery queue: claim due e-mails and webhooks, send them
 * at once, then settle each: delivered (with its CustomerNotified, in one
 * transaction), retried later with backoff, or given up after the last attempt.
 */
@Injectable()
export class DeliverNotificationsHandler {
  private readonly logger = new Logger("Deliveries");
  private readonly outcomes: Counter<"channel" | "outcome">;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly notifications: NotificationsRepository,
    private readonly dataSource: DataSource,
    private readonly email: EmailSender,
    private readonly webhook: WebhookSender,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    registry: Registry,
  ) {
    this.outcomes = new Counter({
      name: "notification_delivery_attempts_total",
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
    const settled = await Promise.allSettled(claimed.map((delivery) => this.deliver(delivery)));
    for (const result of settled) {
      // Settling failed (our database); the lease brings the delivery back.
      if (result.status === "rejected")
        this.logger.error({ err: result.reason }, "could not settle a delivery");
    }
    return claimed.length;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    try {
      await this.send(delivery);
    } catch (error) {
      await this.failed(delivery, error instanceof Error ? error.message : String(error));
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.deliveries.markDelivered(manager, delivery.id))) return;
      const now = new Date();
      const first = await this.notifications.markNotified(
        manager,
        [delivery.notificationId],
        delivery.channel,
        now,
      );
      if (first.size > 0) {
        await enqueueOutbox(manager, [customerNotifiedRecord(delivery, delivery.channel, now, delivery.id)]);
      }
    });
    this.outcomes.inc({ channel: delivery.channel, outcome: "delivered" });
  }

  private send(delivery: ClaimedDelivery): Promise<void> {
    if (delivery.channel === "email") {
      return this.email.send({ deliveryId: delivery.id, ...emailPayload.parse(delivery.payload) });
    }
    return this.webhook.send({ deliveryId: delivery.id, ...webhookPayload.parse(delivery.payload) });
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

import { Injectable } from "@nestjs/common";
import type { EntityManager } from "typeorm";
import { NotificationsRepository } from "../adapters/persistence/notifications.repository";
import { TrackedOrdersRepository } from "../adapters/persistence/tracked-orders.repository";
import { decideNotifications } from "../domain/notification.decide";
import type { OrderFact } from "../domain/notification.types";
import { NotificationRecorder, type SourceEvent } from "./notification-recorder";

/** One fact about an order -> what its customer is told (inside the consumer's inbox transaction). */
@Injectable()
export class NotifyCustomerHandler {
  constructor(
    private readonly tracked: TrackedOrdersRepository,
    private readonly notifications: NotificationsRepository,
    private readonly recorder: NotificationRecorder,
  ) {}

  async execute(manager: EntityManager, fact: OrderFact, source: SourceEvent): Promise<void> {
    await this.tracked.track(manager, fact);
    const alreadySent = await this.notifications.kindsSentFor(manager, fact.orderId);
    await this.recorder.record(manager, decideNotifications(fact, alreadySent), source, new Date());
  }
}

import { CustomerNotifiedV1, recordOf } from "@peakshop/contracts";
import type { OutboxMessage } from "@peakshop/eventsourcing";
import type { NotificationKind } from "../domain/notification.types";

export type Channel = "in-app" | "email" | "webhook";

export interface NotifiedNotification {
  notificationId: string;
  customerId: string;
  orderId: string | null;
  kind: NotificationKind;
  correlationId: string;
}

/** CustomerNotified for one channel, for the outbox of the transaction that records the delivery. */
export function customerNotifiedRecord(
  notification: NotifiedNotification,
  channel: Channel,
  notifiedAt: Date,
  causationId: string,
): OutboxMessage {
  const time = notifiedAt.toISOString();
  return recordOf(
    CustomerNotifiedV1,
    {
      notificationId: notification.notificationId,
      customerId: notification.customerId,
      ...(notification.orderId ? { orderId: notification.orderId } : {}),
      kind: notification.kind,
      channel,
      notifiedAt: time,
    },
    {
      source: "peakshop/notification",
      streamId: `notification-${notification.notificationId}`,
      streamVersion: 0,
      correlationId: notification.correlationId,
      causationId,
      time,
    },
  );
}

import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { CustomerId, OrderId } from "../shared/identifiers.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** A customer was told something. Kafka key: `customerId`, so one customer's feed stays in order. */
export const CustomerNotifiedV1 = defineMessage({
  kind: "event",
  type: "peakshop.notification.customer-notified",
  version: 1,
  topic: "notification.notification.events.v1",
  producer: "notification",
  keyField: "customerId",
  description:
    "A notification was delivered on one channel; each (order, kind, channel) is notified exactly once (I7).",
  schema: z.strictObject({
    /** The notification (UUID); the in-app feed and webhooks deduplicate on it. */
    notificationId: z.uuid(),
    /** The customer told (opaque id); also the Kafka key. */
    customerId: CustomerId,
    /** The order it is about (UUID); absent for notifications about no single order. */
    orderId: OrderId.optional(),
    /** What the customer was told. */
    kind: z.enum([
      "order-received",
      "payment-delayed",
      "order-confirmed",
      "order-cancelled",
      "order-rejected",
      "payment-recovered",
      "payment-refunded",
      /** An operator's apology after a payment incident, to each customer it held up (since 1.2 of the API). */
      "incident-apology",
    ]),
    /** Where: `in-app` feed, `email`, or the customer's signed `webhook`. */
    channel: z.enum(["in-app", "email", "webhook"]),
    /** When it was delivered on that channel (RFC 3339, UTC). */
    notifiedAt: Timestamp,
  }),
});

export type CustomerNotified = z.output<typeof CustomerNotifiedV1.schema>;

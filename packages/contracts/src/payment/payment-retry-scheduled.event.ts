import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { CustomerId, OrderId, PaymentId } from "../shared/identifiers.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** A charge attempt failed transiently and another is scheduled. Kafka key: `orderId`. */
export const PaymentRetryScheduledV1 = defineMessage({
  kind: "event",
  type: "peakshop.payment.payment-retry-scheduled",
  version: 1,
  topic: "payment.payment.events.v1",
  producer: "payment",
  keyField: "orderId",
  description:
    "A charge attempt failed transiently (timeout, 5xx, circuit open) and is retried; drives the 'payment delayed' notification.",
  schema: z.strictObject({
    /** The payment (UUID). */
    paymentId: PaymentId,
    /** The order being paid for (UUID). */
    orderId: OrderId,
    /** The paying customer (opaque id), so notification can tell them without a lookup. */
    customerId: CustomerId,
    /** Number of the attempt that just failed, >= 1; the next one is `attempt + 1`. */
    attempt: z.number().int().min(1),
    /** When the next attempt starts (RFC 3339, UTC); before `deadline`, with backoff and jitter. */
    nextAttemptAt: Timestamp,
    /** Short technical description of the failure, e.g. `bank timeout after 2000 ms`; not for customers. */
    lastError: z.string().min(1).max(500),
    /** Retries stop at this instant and the payment is abandoned (RFC 3339, UTC). */
    deadline: Timestamp,
  }),
});

export type PaymentRetryScheduled = z.output<typeof PaymentRetryScheduledV1.schema>;

import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { CustomerId, OrderId } from "../shared/identifiers.schema";
import { AmountCents, Currency } from "../shared/money.schema";
import { linesOf, PricedLine, totalMatchesLines } from "../shared/order-lines.schema";
import { Timestamp } from "../shared/timestamp.schema";

/** The order saga opened an order from a checkout. Kafka key: `orderId`. */
export const OrderPlacedV1 = defineMessage({
  kind: "event",
  type: "peakshop.order.order-placed",
  version: 1,
  topic: "order.order.events.v1",
  producer: "order",
  keyField: "orderId",
  description:
    "An order was opened from a checkout; stock is reserved next, and payment must succeed before paymentDeadline.",
  schema: z
    .strictObject({
      /** The order (UUID), the same id as in CheckoutRequested. */
      orderId: OrderId,
      /** The customer who placed the order (opaque id). */
      customerId: CustomerId,
      /** What is ordered, one line per SKU, with server-set unit prices in `currency`. */
      items: linesOf(PricedLine),
      /** Sum of quantity x unitPriceCents over `items`, in integer minor units of `currency`. */
      totalCents: AmountCents,
      /** ISO 4217 code of every amount in this message. */
      currency: Currency,
      /** Payment retries stop here and the order is cancelled (RFC 3339, UTC). Bounds I4. */
      paymentDeadline: Timestamp,
      /** When the order was opened (RFC 3339, UTC). */
      placedAt: Timestamp,
    })
    .refine(totalMatchesLines, {
      message: "totalCents must equal the sum of the lines",
      path: ["totalCents"],
    }),
});

export type OrderPlaced = z.output<typeof OrderPlacedV1.schema>;

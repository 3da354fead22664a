import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { CustomerId, OrderId } from "../shared/identifiers.schema";
import { AmountCents, Currency } from "../shared/money.schema";
import { linesOf, PricedLine, totalMatchesLines } from "../shared/order-lines.schema";
import { Timestamp } from "../shared/timestamp.schema";

/**
 * A customer asked to check out a cart. Emitted by cart; the gateway answers `202 {orderId}`
 * once this is durable, so from here on the order must reach a final state (I1).
 * Kafka key: `orderId`.
 */
export const CheckoutRequestedV1 = defineMessage({
  kind: "event",
  type: "peakshop.cart.checkout-requested",
  version: 1,
  topic: "cart.checkout.events.v1",
  producer: "cart",
  keyField: "orderId",
  description:
    "A customer checked out a cart. Items are priced by the server; the order saga starts from this event.",
  schema: z
    .strictObject({
      /** The order this checkout becomes (UUID), chosen at checkout and returned to the client. */
      orderId: OrderId,
      /** The customer checking out (opaque id, the JWT subject). */
      customerId: CustomerId,
      /** What is bought, one line per SKU, priced by the server (never by the client). */
      items: linesOf(PricedLine),
      /** Sum of quantity x unitPriceCents over `items`, in integer minor units of `currency`. */
      totalCents: AmountCents,
      /** ISO 4217 code of every amount in this message. */
      currency: Currency,
      /**
       * Opaque single-use token from the payment provider's tokenization; never card data,
       * so this topic stays out of PCI scope.
       */
      paymentToken: z.string().min(1).max(512),
      /** The client's `Idempotency-Key` header, so a retried checkout maps to the same order (I5). */
      idempotencyKey: z.string().min(1).max(255),
      /** When the gateway accepted the checkout (RFC 3339, UTC). */
      requestedAt: Timestamp,
    })
    .refine(totalMatchesLines, {
      message: "totalCents must equal the sum of the lines",
      path: ["totalCents"],
    }),
});

export type CheckoutRequested = z.output<typeof CheckoutRequestedV1.schema>;

import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { Timestamp } from "../shared/timestamp.schema";
import { BankGatewayId } from "./bank-gateway-id.schema";

/** The circuit breaker toward the bank opened: charges are paused. Kafka key: `gatewayId`. */
export const BankCircuitOpenedV1 = defineMessage({
  kind: "event",
  type: "peakshop.payment.bank-circuit-opened",
  version: 1,
  topic: "payment.bank-gateway.events.v1",
  producer: "payment",
  keyField: "gatewayId",
  description:
    "Calls to the bank are failing, so payment stopped calling it; pending payments wait. Drives the public status page.",
  schema: z.strictObject({
    /** The gateway, always `bank`; also the Kafka key. */
    gatewayId: BankGatewayId,
    /** Short technical description of what tripped the breaker, e.g. `error rate 0.62 over 30 s`. */
    reason: z.string().min(1).max(500),
    /** Fraction of failed bank calls in the breaker's window, from 0 to 1 (not a percentage). */
    errorRate: z.number().min(0).max(1),
    /** When the circuit opened (RFC 3339, UTC). */
    openedAt: Timestamp,
  }),
});

export type BankCircuitOpened = z.output<typeof BankCircuitOpenedV1.schema>;

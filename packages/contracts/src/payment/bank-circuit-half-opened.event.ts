import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { Timestamp } from "../shared/timestamp.schema";
import { BankGatewayId } from "./bank-gateway-id.schema";

/** The breaker lets trial calls through to see if the bank recovered. Kafka key: `gatewayId`. */
export const BankCircuitHalfOpenedV1 = defineMessage({
  kind: "event",
  type: "peakshop.payment.bank-circuit-half-opened",
  version: 1,
  topic: "payment.bank-gateway.events.v1",
  producer: "payment",
  keyField: "gatewayId",
  description: "The breaker is probing the bank with a few trial calls; it closes or opens again next.",
  schema: z.strictObject({
    /** The gateway, always `bank`; also the Kafka key. */
    gatewayId: BankGatewayId,
    /** When the circuit half-opened (RFC 3339, UTC). */
    at: Timestamp,
  }),
});

export type BankCircuitHalfOpened = z.output<typeof BankCircuitHalfOpenedV1.schema>;

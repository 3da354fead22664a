import { z } from "zod";
import { defineMessage } from "../message/message-definition";
import { Timestamp } from "../shared/timestamp.schema";
import { BankGatewayId } from "./bank-gateway-id.schema";

/** The bank answers again and charges resume. Kafka key: `gatewayId`. */
export const BankCircuitClosedV1 = defineMessage({
  kind: "event",
  type: "peakshop.payment.bank-circuit-closed",
  version: 1,
  topic: "payment.bank-gateway.events.v1",
  producer: "payment",
  keyField: "gatewayId",
  description: "Trial calls succeeded; payment calls the bank normally again and pending payments resume.",
  schema: z.strictObject({
    /** The gateway, always `bank`; also the Kafka key. */
    gatewayId: BankGatewayId,
    /** When the circuit closed (RFC 3339, UTC). */
    closedAt: Timestamp,
  }),
});

export type BankCircuitClosed = z.output<typeof BankCircuitClosedV1.schema>;

import { CheckoutRequestedV1 } from "../cart/checkout-requested.event";
import { CommitStockV1 } from "../inventory/commit-stock.command";
import { ReleaseStockV1 } from "../inventory/release-stock.command";
import { ReserveStockV1 } from "../inventory/reserve-stock.command";
import { StockCommitRefusedV1 } from "../inventory/stock-commit-refused.event";
import { StockCommittedV1 } from "../inventory/stock-committed.event";
import { StockRejectedV1 } from "../inventory/stock-rejected.event";
import { StockReleasedV1 } from "../inventory/stock-released.event";
import { StockReservedV1 } from "../inventory/stock-reserved.event";
import type { AnyMessageDefinition } from "../message/message-definition";
import { CustomerNotifiedV1 } from "../notification/customer-notified.event";
import { OrderCancelledV1 } from "../order/order-cancelled.event";
import { OrderRefundedV1 } from "../order/order-refunded.event";
import { OrderConfirmedV1 } from "../order/order-confirmed.event";
import { OrderPlacedV1 } from "../order/order-placed.event";
import { OrderRejectedV1 } from "../order/order-rejected.event";
import { BankCircuitClosedV1 } from "../payment/bank-circuit-closed.event";
import { BankCircuitHalfOpenedV1 } from "../payment/bank-circuit-half-opened.event";
import { BankCircuitOpenedV1 } from "../payment/bank-circuit-opened.event";
import { PaymentAbandonedV1 } from "../payment/payment-abandoned.event";
import { PaymentCapturedV1 } from "../payment/payment-captured.event";
import {
  PaymentDeclinedV1,
  PaymentDeclinedV2,
  paymentDeclinedV1ToV2,
} from "../payment/payment-declined.event";
import { PaymentRefundedV1 } from "../payment/payment-refunded.event";
import { PaymentRetryScheduledV1 } from "../payment/payment-retry-scheduled.event";
import { AbandonPaymentV1 } from "../payment/abandon-payment.command";
import { RefundPaymentV1 } from "../payment/refund-payment.command";
import { RequestPaymentV1 } from "../payment/request-payment.command";

/**
 * The latest version of every message of the checkout flow, in flow order. Producers send
 * these; consumers receive these after upcasting. Adding a message means adding it here.
 */
export const currentMessages = [
  CheckoutRequestedV1,
  OrderPlacedV1,
  OrderConfirmedV1,
  OrderCancelledV1,
  OrderRejectedV1,
  OrderRefundedV1,
  ReserveStockV1,
  ReleaseStockV1,
  CommitStockV1,
  StockReservedV1,
  StockRejectedV1,
  StockReleasedV1,
  StockCommittedV1,
  StockCommitRefusedV1,
  RequestPaymentV1,
  RefundPaymentV1,
  AbandonPaymentV1,
  PaymentCapturedV1,
  PaymentDeclinedV2,
  PaymentRetryScheduledV1,
  PaymentAbandonedV1,
  PaymentRefundedV1,
  BankCircuitOpenedV1,
  BankCircuitHalfOpenedV1,
  BankCircuitClosedV1,
  CustomerNotifiedV1,
] as const;

/** Older versions that may still be on a topic; each has an upcaster to its successor. */
export const supersededMessages = [PaymentDeclinedV1] as const satisfies readonly AnyMessageDefinition[];

/** Every upcaster, one per superseded version. */
export const upcasters = [paymentDeclinedV1ToV2] as const;

/** The latest definition of any checkout-flow message. */
export type CurrentMessageDefinition = (typeof currentMessages)[number];

/** The `type` string of any checkout-flow message, e.g. `peakshop.order.order-placed`. */
export type MessageType = CurrentMessageDefinition["type"];

/** The latest definition of one type. */
export type LatestDefinition<T extends MessageType> = Extract<CurrentMessageDefinition, { type: T }>;

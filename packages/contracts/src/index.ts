// The public API of @peakshop/contracts; nothing else is meant to be imported.

// Defining messages and reading them across versions
export {
  defineMessage,
  type AnyMessageDefinition,
  type BoundedContext,
  type MessageDataOf,
  type MessageDefinition,
  type MessageKind,
  type TopicName,
} from "./message/message-definition";
export { defineUpcaster, type Upcaster } from "./message/upcaster";
export { createMessageRegistry, type MessageRegistry, type UpcastResult } from "./message/message-registry";
export { ContractViolation, type ContractViolationReason } from "./message/contract-violation";

// Shared vocabulary
export { CustomerId, OrderId, PaymentId, Sku } from "./shared/identifiers.schema";
export { AmountCents, Currency, UnitPriceCents } from "./shared/money.schema";
export { Timestamp } from "./shared/timestamp.schema";
export { PricedLine, Quantity, StockLine, UnavailableLine } from "./shared/order-lines.schema";

// cart
export { CheckoutRequestedV1, type CheckoutRequested } from "./cart/checkout-requested.event";

// order
export { OrderPlacedV1, type OrderPlaced } from "./order/order-placed.event";
export { OrderConfirmedV1, type OrderConfirmed } from "./order/order-confirmed.event";
export { OrderCancelledV1, type OrderCancelled } from "./order/order-cancelled.event";
export { OrderRefundedV1, type OrderRefunded } from "./order/order-refunded.event";
export { OrderRejectedV1, type OrderRejected } from "./order/order-rejected.event";
export { OrderCancellationReason } from "./order/order-cancellation-reason.schema";

// inventory
export { ReserveStockV1, type ReserveStock } from "./inventory/reserve-stock.command";
export { ReleaseStockV1, type ReleaseStock } from "./inventory/release-stock.command";
export { CommitStockV1, type CommitStock } from "./inventory/commit-stock.command";
export { StockReservedV1, type StockReserved } from "./inventory/stock-reserved.event";
export { StockRejectedV1, type StockRejected } from "./inventory/stock-rejected.event";
export { StockReleasedV1, type StockReleased } from "./inventory/stock-released.event";
export { StockCommittedV1, type StockCommitted } from "./inventory/stock-committed.event";
export { StockCommitRefusedV1, type StockCommitRefused } from "./inventory/stock-commit-refused.event";

// payment
export { RequestPaymentV1, type RequestPayment } from "./payment/request-payment.command";
export { RefundPaymentV1, type RefundPayment } from "./payment/refund-payment.command";
export { AbandonPaymentV1, type AbandonPayment } from "./payment/abandon-payment.command";
export { PaymentCapturedV1, type PaymentCaptured } from "./payment/payment-captured.event";
export {
  PaymentDeclinedV1,
  PaymentDeclinedV2,
  paymentDeclinedV1ToV2,
  type PaymentDeclined,
} from "./payment/payment-declined.event";
export { PaymentRetryScheduledV1, type PaymentRetryScheduled } from "./payment/payment-retry-scheduled.event";
export { PaymentAbandonedV1, type PaymentAbandoned } from "./payment/payment-abandoned.event";
export { PaymentRefundedV1, type PaymentRefunded } from "./payment/payment-refunded.event";
export { BankGatewayId } from "./payment/bank-gateway-id.schema";
export { BankCircuitOpenedV1, type BankCircuitOpened } from "./payment/bank-circuit-opened.event";
export {
  BankCircuitHalfOpenedV1,
  type BankCircuitHalfOpened,
} from "./payment/bank-circuit-half-opened.event";
export { BankCircuitClosedV1, type BankCircuitClosed } from "./payment/bank-circuit-closed.event";

// notification
export { CustomerNotifiedV1, type CustomerNotified } from "./notification/customer-notified.event";

// The checkout flow as a whole
export {
  currentMessages,
  supersededMessages,
  upcasters,
  type CurrentMessageDefinition,
  type LatestDefinition,
  type MessageType,
} from "./catalog/checkout-flow.catalog";
export { latest, messageRegistry, upcast } from "./catalog/checkout-flow.registry";

// Envelope and Kafka
export { EnvelopeMetadata, TraceParent, type Envelope, type EnvelopeOf } from "./envelope/envelope";
export { CloudEventsHeader } from "./envelope/cloudevents-headers";
export type { KafkaHeaders, KafkaHeaderValue } from "./envelope/kafka-headers.reader";
export { recordOf, type Causation, type ProducerMetadata } from "./envelope/record-of";
export {
  fromKafkaRecord,
  toKafkaRecord,
  type IntegrationEnvelope,
  type KafkaRecord,
} from "./envelope/kafka-record.mapping";

// Documentation
export { buildAsyncApiDocument } from "./asyncapi/build-asyncapi-document";

import {
  BankCircuitHalfOpenedV1,
  OrderRefundedV1,
  OrderRejectedV1,
  PaymentCapturedV1,
  PaymentRetryScheduledV1,
  type AnyMessageDefinition,
  type IntegrationEnvelope,
  type MessageDataOf,
} from "@peakshop/contracts";
import { describe, expect, it } from "vitest";
import { customerFacingOf } from "./customer-facts";

const orderId = "3f0c9a52-8d1e-4b6f-9a2c-5e7d1b4c8a90";
const paymentId = "7a1d2e3f-4b5c-4d6e-8f90-a1b2c3d4e5f6";

function envelope<D extends AnyMessageDefinition>(
  definition: D,
  data: MessageDataOf<D>,
): IntegrationEnvelope {
  return {
    id: "c2d4e6f8-0a1b-4c3d-9e5f-7a8b9c0d1e2f",
    type: definition.type,
    version: definition.version,
    source: `peakshop/${definition.producer}`,
    streamId: "s",
    streamVersion: 1,
    correlationId: "c",
    causationId: "c",
    time: "2026-11-11T00:00:04.000Z",
    data,
  } as IntegrationEnvelope;
}

describe("customerFacingOf", () => {
  it("dates a payment delay by the event's time and keeps its deadline", () => {
    const data = {
      paymentId,
      orderId,
      customerId: "customer-42",
      attempt: 2,
      nextAttemptAt: "2026-11-11T00:00:05.000Z",
      lastError: "bank timeout",
      deadline: "2026-11-11T00:15:00.000Z",
    };
    expect(customerFacingOf(envelope(PaymentRetryScheduledV1, data))).toEqual({
      type: "order",
      fact: {
        type: "PaymentRetryScheduled",
        orderId,
        customerId: "customer-42",
        attempt: 2,
        deadline: "2026-11-11T00:15:00.000Z",
        at: "2026-11-11T00:00:04.000Z",
      },
    });
  });

  it("names the sold-out SKUs of a rejected order", () => {
    const data = {
      orderId,
      customerId: "customer-42",
      reason: "sold-out" as const,
      unavailable: [{ sku: "SKU-A", requested: 2, available: 0 }],
      rejectedAt: "2026-11-11T00:00:01.000Z",
    };
    expect(customerFacingOf(envelope(OrderRejectedV1, data))).toMatchObject({
      fact: { type: "OrderRejected", skus: ["SKU-A"] },
    });
  });

  it("reads a refund with its amount, dated when the bank confirmed it", () => {
    const data = {
      orderId,
      customerId: "customer-42",
      amountCents: 2500,
      currency: "EUR",
      refundedAt: "2026-11-11T00:01:00.000Z",
    };
    expect(customerFacingOf(envelope(OrderRefundedV1, data))).toEqual({
      type: "order",
      fact: {
        type: "OrderRefunded",
        orderId,
        customerId: "customer-42",
        amountCents: 2500,
        currency: "EUR",
        at: "2026-11-11T00:01:00.000Z",
      },
    });
  });

  it("reads circuit reports and ignores what tells a customer nothing", () => {
    expect(
      customerFacingOf(
        envelope(BankCircuitHalfOpenedV1, { gatewayId: "bank", at: "2026-11-11T00:00:09.000Z" }),
      ),
    ).toEqual({
      type: "circuit",
      report: { type: "CircuitHalfOpened", at: "2026-11-11T00:00:09.000Z" },
    });
    const captured = envelope(PaymentCapturedV1, {} as MessageDataOf<typeof PaymentCapturedV1>);
    expect(customerFacingOf(captured)).toBeNull();
  });
});

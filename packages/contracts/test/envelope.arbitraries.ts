// fast-check arbitraries of valid envelopes: metadata fully random, data random for the
// messages with the richest shapes and the fixture for the rest, so every type is covered.
import fc from "fast-check";
import { CheckoutRequestedV1 } from "../src/cart/checkout-requested.event";
import { currentMessages, supersededMessages } from "../src/catalog/checkout-flow.catalog";
import type { Envelope, EnvelopeMetadata } from "../src/envelope/envelope";
import type { AnyMessageDefinition } from "../src/message/message-definition";
import { CustomerNotifiedV1 } from "../src/notification/customer-notified.event";
import { OrderCancelledV1 } from "../src/order/order-cancelled.event";
import { BankCircuitOpenedV1 } from "../src/payment/bank-circuit-opened.event";
import { PaymentDeclinedV1 } from "../src/payment/payment-declined.event";
import { fixtureOf, readFixtureFiles } from "./fixture-files";

const visibleAscii = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));
const headerSafeId = fc.string({ unit: visibleAscii, minLength: 1, maxLength: 80 });
const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: length, maxLength: length });
const timestamp = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2199-12-31T23:59:59Z"), noInvalidDate: true })
  .map((date) => date.toISOString());
const traceparent = fc
  .tuple(hex(32), hex(16), hex(2))
  .filter(([trace, span]) => !/^0+$/.test(trace) && !/^0+$/.test(span))
  .map(([trace, span, flags]) => `00-${trace}-${span}-${flags}`);

/** Any text a person might type, including emoji and non-Latin scripts. */
const humanText = (maxLength: number) =>
  // Schemas count UTF-16 code units, and one grapheme can take a dozen of them.
  fc
    .string({ unit: "grapheme", minLength: 1, maxLength: maxLength / 4 })
    .filter((text) => text.length <= maxLength);
const sku = fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 64 });
const cents = fc.integer({ min: 0, max: 10_000_000 });

const metadata = (
  definition: AnyMessageDefinition,
): fc.Arbitrary<Omit<EnvelopeMetadata, "type" | "version">> =>
  fc.record(
    {
      id: fc.uuid(),
      source: fc.constant(`peakshop/${definition.producer}`),
      streamId: headerSafeId,
      streamVersion: fc.nat(),
      correlationId: headerSafeId,
      causationId: headerSafeId,
      time: timestamp,
      traceparent,
    },
    { requiredKeys: ["id", "source", "streamId", "streamVersion", "correlationId", "causationId", "time"] },
  );

const checkoutRequested = fc
  .uniqueArray(
    fc.record({
      sku,
      name: humanText(200),
      quantity: fc.integer({ min: 1, max: 50 }),
      unitPriceCents: cents,
    }),
    {
      selector: (line) => line.sku,
      minLength: 1,
      maxLength: 20,
    },
  )
  .filter((items) => items.some((line) => line.unitPriceCents > 0))
  .chain((items) =>
    fc.record({
      orderId: fc.uuid(),
      customerId: humanText(128),
      items: fc.constant(items),
      totalCents: fc.constant(items.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0)),
      currency: fc.constantFrom("EUR", "CNY", "USD", "JPY"),
      paymentToken: humanText(512),
      idempotencyKey: humanText(255),
      requestedAt: timestamp,
    }),
  );

/** Random data where it exercises something; otherwise the fixture. */
const dataArbitraries = new Map<AnyMessageDefinition, fc.Arbitrary<Record<string, unknown>>>([
  [CheckoutRequestedV1, checkoutRequested],
  [
    PaymentDeclinedV1,
    fc.record({ paymentId: fc.uuid(), orderId: fc.uuid(), reason: humanText(500), declinedAt: timestamp }),
  ],
  [
    OrderCancelledV1,
    fc.record(
      {
        orderId: fc.uuid(),
        customerId: humanText(128),
        reason: fc.constantFrom(...OrderCancelledV1.schema.shape.reason.options),
        detail: humanText(500),
        cancelledAt: timestamp,
      },
      { requiredKeys: ["orderId", "customerId", "reason", "cancelledAt"] },
    ),
  ],
  [
    CustomerNotifiedV1,
    fc.record(
      {
        notificationId: fc.uuid(),
        customerId: humanText(128),
        orderId: fc.uuid(),
        kind: fc.constantFrom(...CustomerNotifiedV1.schema.shape.kind.options),
        channel: fc.constantFrom(...CustomerNotifiedV1.schema.shape.channel.options),
        notifiedAt: timestamp,
      },
      { requiredKeys: ["notificationId", "customerId", "kind", "channel", "notifiedAt"] },
    ),
  ],
  [
    BankCircuitOpenedV1,
    fc.record({
      gatewayId: fc.constant("bank" as const),
      reason: humanText(500),
      errorRate: fc.double({ min: 0, max: 1, noNaN: true }),
      openedAt: timestamp,
    }),
  ],
]);

const fixtures = readFixtureFiles();

/** A definition of any registered version, with a valid envelope for it. */
export const anyEnvelope: fc.Arbitrary<{
  definition: AnyMessageDefinition;
  envelope: Envelope<Record<string, unknown>>;
}> = fc.constantFrom<AnyMessageDefinition>(...currentMessages, ...supersededMessages).chain((definition) =>
  fc
    .tuple(
      metadata(definition),
      dataArbitraries.get(definition) ??
        fc.constant(fixtureOf(definition, fixtures) as Record<string, unknown>),
    )
    .map(([meta, data]) => ({
      definition,
      envelope: { ...meta, type: definition.type, version: definition.version, data },
    })),
);

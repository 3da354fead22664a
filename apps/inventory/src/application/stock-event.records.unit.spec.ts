import { fromKafkaRecord } from "@peakshop/contracts";
import { describe, expect, it } from "vitest";
import type { ReservationEvent } from "../domain/reservation.events";
import { stockEventRecord } from "./stock-event.records";

const orderId = "3f0c9a52-8d1e-4b6f-9a2c-5e7d1b4c8a90";
const at = new Date("2026-11-11T00:00:01.500Z");
const lines = [{ sku: "PHONE", quantity: 2 }];
const cause = { correlationId: "checkout-1", causationId: "7d3c1a52-8d1e-4b6f-9a2c-5e7d1b4c8a91" };

const cases: [ReservationEvent, Record<string, unknown>][] = [
  [
    {
      type: "StockReserved",
      orderId,
      lines,
      holdUntil: new Date("2026-11-11T00:20:00.000Z"),
      reservedAt: at,
    },
    { orderId, items: lines, holdUntil: "2026-11-11T00:20:00.000Z", reservedAt: at.toISOString() },
  ],
  [
    {
      type: "StockRejected",
      orderId,
      unavailable: [{ sku: "PHONE", requested: 2, available: 1 }],
      rejectedAt: at,
    },
    { orderId, unavailable: [{ sku: "PHONE", requested: 2, available: 1 }], rejectedAt: at.toISOString() },
  ],
  [
    { type: "StockReleased", orderId, lines, reason: "hold-expired", releasedAt: at },
    { orderId, reason: "hold-expired", releasedAt: at.toISOString() },
  ],
  [
    { type: "StockCommitted", orderId, lines, committedAt: at },
    { orderId, committedAt: at.toISOString() },
  ],
];

describe("stockEventRecord", () => {
  it.each(cases)("maps %o to its integration event, keyed by order", (event, data) => {
    const { id, record } = stockEventRecord(event, 2, cause);
    expect(record.key).toBe(orderId);
    expect(record.topic).toBe("inventory.stock.events.v1");
    expect(fromKafkaRecord(record.headers, record.value)).toMatchObject({
      id,
      source: "peakshop/inventory",
      streamId: `reservation-${orderId}`,
      streamVersion: 2,
      time: at.toISOString(),
      ...cause,
      data,
    });
  });

  it("takes only the ids of a cause that is a whole request", () => {
    const request = { ...cause, orderId, items: lines, holdUntil: at };
    const event = cases[0]![0];
    const { record } = stockEventRecord(event, 1, request);
    expect(fromKafkaRecord(record.headers, record.value)).toMatchObject(cause);
  });
});

import { deciderSpec } from "@peakshop/testing/decider-spec";
import { describe, expect, it } from "vitest";
import type { ReservationCommand } from "./reservation.commands";
import { reservationDecider } from "./reservation.decider";
import { CommitOfReleasedHold, ShortageNotRequested } from "./reservation.errors";
import type { ReservationEvent } from "./reservation.events";

const orderId = "3f0c9a52-8d1e-4b6f-9a2c-5e7d1b4c8a90";
const lines = [
  { sku: "PHONE", quantity: 1 },
  { sku: "CASE", quantity: 2 },
];
const t0 = new Date("2026-11-11T00:00:00.000Z");
const holdUntil = new Date("2026-11-11T00:15:00.000Z");
const later = new Date("2026-11-11T00:05:00.000Z");
const afterHold = new Date("2026-11-11T00:15:00.001Z");

const reserved: ReservationEvent = { type: "StockReserved", orderId, lines, holdUntil, reservedAt: t0 };
const rejected: ReservationEvent = {
  type: "StockRejected",
  orderId,
  unavailable: [{ sku: "CASE", requested: 2, available: 1 }],
  rejectedAt: t0,
};
const committed: ReservationEvent = { type: "StockCommitted", orderId, lines, committedAt: later };
const expired: ReservationEvent = {
  type: "StockReleased",
  orderId,
  lines,
  reason: "hold-expired",
  releasedAt: afterHold,
};

const reserve = (shortages: Extract<ReservationCommand, { type: "ReserveStock" }>["shortages"] = []) =>
  ({ type: "ReserveStock", orderId, lines, holdUntil, shortages, at: t0 }) as const;
const release = { type: "ReleaseStock", orderId, reason: "payment-declined", at: later } as const;
const commit = { type: "CommitStock", orderId, at: later } as const;
const expireAt = (at: Date) => ({ type: "ExpireHold", orderId, at }) as const;

const { given } = deciderSpec(reservationDecider);

describe("reservation: reserve", () => {
  it("holds every line when nothing is short", () => {
    given().when(reserve()).then([reserved]);
  });

  it("rejects the whole order when any line is short", () => {
    given()
      .when(reserve([{ sku: "CASE", requested: 2, available: 1 }]))
      .then([rejected]);
  });

  it("lets the first outcome stand: a second ReserveStock answers nothing", () => {
    given(reserved).when(reserve()).then([]);
    given(rejected).when(reserve()).then([]);
    given(reserved, committed).when(reserve()).then([]);
    given(reserved, expired).when(reserve()).then([]);
  });

  it("refuses a shortage that is not a short requested line", () => {
    given()
      .when(reserve([{ sku: "CABLE", requested: 1, available: 0 }]))
      .thenFailsWith(ShortageNotRequested);
    given()
      .when(reserve([{ sku: "CASE", requested: 2, available: 2 }]))
      .thenFailsWith(ShortageNotRequested);
  });
});

describe("reservation: release", () => {
  it("gives a live hold back with the saga's reason", () => {
    given(reserved)
      .when(release)
      .then([{ type: "StockReleased", orderId, lines, reason: "payment-declined", releasedAt: later }]);
  });

  it("changes nothing when there is no live hold", () => {
    given().when(release).then([]);
    given(rejected).when(release).then([]);
    given(reserved, committed).when(release).then([]);
    given(reserved, expired).when(release).then([]);
  });
});

describe("reservation: commit", () => {
  it("turns a live hold into a sale", () => {
    given(reserved).when(commit).then([committed]);
  });

  it("still sells a hold past holdUntil that the sweeper has not released yet", () => {
    given(reserved)
      .when({ ...commit, at: afterHold })
      .then([{ ...committed, committedAt: afterHold }]);
  });

  it("is idempotent", () => {
    given(reserved, committed).when(commit).then([]);
  });

  it("sells a hold already released when its items could all be taken again", () => {
    given(reserved, expired)
      .when({ ...commit, retakeShortages: [] })
      .then([committed]);
  });

  it("refuses a hold already released whose items are gone, saying which are short", () => {
    const short = [{ sku: "CASE", requested: 2, available: 1 }];
    given(reserved, expired)
      .when({ ...commit, retakeShortages: short })
      .then([
        {
          type: "StockCommitRefused",
          orderId,
          reason: "hold-released",
          unavailable: short,
          refusedAt: later,
        },
      ]);
  });

  it("answers an order that holds nothing with a refusal, so the saga never waits for an answer", () => {
    const refused: ReservationEvent = {
      type: "StockCommitRefused",
      orderId,
      reason: "nothing-held",
      unavailable: [],
      refusedAt: later,
    };
    given().when(commit).then([refused]);
    given(rejected).when(commit).then([refused]);
  });

  it("must be told whether a released hold's items were taken again", () => {
    given(reserved, expired).when(commit).thenFailsWith(CommitOfReleasedHold);
    given(reserved, expired)
      .when({ ...commit, retakeShortages: [{ sku: "CABLE", requested: 1, available: 0 }] })
      .thenFailsWith(ShortageNotRequested);
  });

  it("leaves the reservation as it was after a refusal", () => {
    const { state } = given(reserved, expired);
    const refusal: ReservationEvent = {
      type: "StockCommitRefused",
      orderId,
      reason: "hold-released",
      unavailable: [{ sku: "CASE", requested: 2, available: 0 }],
      refusedAt: later,
    };
    expect(reservationDecider.evolve(state, refusal)).toEqual(state);
  });
});

describe("reservation: expire", () => {
  it("releases a hold once holdUntil has passed, not before", () => {
    given(reserved).when(expireAt(later)).then([]);
    given(reserved)
      .when(expireAt(holdUntil))
      .then([{ ...expired, releasedAt: holdUntil }]);
    given(reserved).when(expireAt(afterHold)).then([expired]);
  });

  it("leaves anything but a live hold alone", () => {
    given().when(expireAt(afterHold)).then([]);
    given(rejected).when(expireAt(afterHold)).then([]);
    given(reserved, committed).when(expireAt(afterHold)).then([]);
    given(reserved, expired).when(expireAt(afterHold)).then([]);
  });
});

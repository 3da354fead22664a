import { expect } from "vitest";
import { decide, evolve } from "../../src/domain/reservation.decider";
import type { ReservationEvent } from "../../src/domain/reservation.events";
import { noReservation, type Reservation } from "../../src/domain/reservation.state";
import { planGather } from "../../src/domain/stock-buckets";
import { restock, StockBelowCommitments } from "../../src/domain/stock-level";
import type { CancellationReason, ShortLine, StockLine } from "../../src/domain/stock-line";

const MINUTE = 60_000;

interface Taken {
  sku: string;
  bucket: number;
  quantity: number;
}

/**
 * A model of the whole inventory built from the domain rules and the bucket
 * strategy the database adapter follows (one bucket with enough, else gather).
 */
export class InventoryModel {
  readonly stock = new Map<string, number>();
  readonly buckets = new Map<string, number[]>();
  readonly reservations = new Map<string, { state: Reservation; taken: Taken[] }>();
  now = new Date("2026-11-11T00:00:00.000Z");

  constructor(
    readonly bucketCount: number,
    private readonly onEvent: (event: ReservationEvent) => void = () => {},
  ) {}

  setStock(sku: string, stock: number): void {
    try {
      this.buckets.set(sku, restock(sku, stock, this.commitments(sku), this.bucketCount));
      this.stock.set(sku, stock);
    } catch (error) {
      expect(error).toBeInstanceOf(StockBelowCommitments);
    }
  }

  reserve(orderId: string, lines: StockLine[], pick: number, holdMinutes: number): void {
    const record = this.record(orderId);
    const { taken, shortages } = this.tryTake(lines, pick);
    const holdUntil = new Date(this.now.getTime() + holdMinutes * MINUTE);
    const events = decide(
      { type: "ReserveStock", orderId, lines, holdUntil, shortages, at: this.now },
      record.state,
    );
    if (events[0]?.type === "StockReserved") this.take(record, taken);
    this.apply(record, events);
  }

  release(orderId: string, reason: CancellationReason): void {
    const record = this.record(orderId);
    this.apply(record, decide({ type: "ReleaseStock", orderId, reason, at: this.now }, record.state));
  }

  /** A released hold's items are taken again when all are there, as the adapter does. */
  commit(orderId: string, pick = 0): void {
    const record = this.record(orderId);
    const retake = record.state.status === "released" ? this.tryTake(record.state.lines, pick) : undefined;
    const events = decide(
      { type: "CommitStock", orderId, retakeShortages: retake?.shortages, at: this.now },
      record.state,
    );
    if (retake && events[0]?.type === "StockCommitted") this.take(record, retake.taken);
    this.apply(record, events);
  }

  /** Time passes and the sweeper releases every due hold. */
  tick(minutes: number): void {
    this.now = new Date(this.now.getTime() + minutes * MINUTE);
    for (const [orderId, record] of this.reservations) {
      this.apply(record, decide({ type: "ExpireHold", orderId, at: this.now }, record.state));
    }
  }

  commitments(sku: string): { held: number; sold: number } {
    let held = 0;
    let sold = 0;
    for (const { state } of this.reservations.values()) {
      const quantity =
        state.status === "held" || state.status === "committed" ? quantityIn(state.lines, sku) : 0;
      if (state.status === "held") held += quantity;
      if (state.status === "committed") sold += quantity;
    }
    return { held, sold };
  }

  /** What taking the lines would take, all or nothing, without taking it yet. */
  private tryTake(lines: readonly StockLine[], pick: number): { taken: Taken[]; shortages: ShortLine[] } {
    const scratch = new Map([...this.buckets].map(([sku, units]) => [sku, [...units]]));
    const taken: Taken[] = [];
    const shortages: ShortLine[] = [];
    for (const line of lines) {
      const units = scratch.get(line.sku) ?? [];
      const takes = takeLine(units, line.quantity, pick);
      if (takes) takes.forEach((take) => taken.push({ sku: line.sku, ...take }));
      else shortages.push({ sku: line.sku, requested: line.quantity, available: sum(units) });
    }
    return shortages.length === 0 ? { taken, shortages } : { taken: [], shortages };
  }

  private take(record: { taken: Taken[] }, taken: Taken[]): void {
    for (const take of taken) this.bucketsOf(take.sku)[take.bucket]! -= take.quantity;
    record.taken = taken;
  }

  private apply(record: { state: Reservation; taken: Taken[] }, events: ReservationEvent[]): void {
    for (const event of events) {
      this.onEvent(event);
      if (event.type === "StockReleased") {
        for (const take of record.taken) this.bucketsOf(take.sku)[take.bucket]! += take.quantity;
      }
      record.state = evolve(record.state, event);
    }
  }

  private record(orderId: string) {
    const existing = this.reservations.get(orderId);
    if (existing) return existing;
    const created = { state: noReservation, taken: [] as Taken[] };
    this.reservations.set(orderId, created);
    return created;
  }

  private bucketsOf(sku: string): number[] {
    const units = this.buckets.get(sku);
    if (!units) throw new Error(`no buckets for ${sku}`);
    return units;
  }
}

/** The adapter's strategy: any one bucket that covers the line (here: the pick-th), else gather. */
function takeLine(units: number[], quantity: number, pick: number) {
  const covering = units.flatMap((available, bucket) => (available >= quantity ? [bucket] : []));
  const bucket = covering[pick % Math.max(covering.length, 1)];
  const takes =
    bucket !== undefined
      ? [{ bucket, quantity }]
      : planGather(
          units.map((available, index) => ({ bucket: index, available })),
          quantity,
        );
  for (const take of takes ?? []) units[take.bucket]! -= take.quantity;
  return takes;
}

export const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const quantityIn = (lines: readonly StockLine[], sku: string) =>
  lines.find((line) => line.sku === sku)?.quantity ?? 0;

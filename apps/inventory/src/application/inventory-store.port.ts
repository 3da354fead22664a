import type { EntityManager } from "typeorm";
import type { Reservation } from "../domain/reservation.state";
import type { BucketStock } from "../domain/stock-buckets";
import type { StockCommitments } from "../domain/stock-level";
import type { ReleaseReason, ShortLine, StockLine } from "../domain/stock-line";

/**
 * What inventory's use cases need from its database, each call inside the
 * caller's transaction (`tx`): reservations, the stock buckets and products.
 * adapters/persistence implements it in SQL (postgresInventoryStore).
 */
export interface InventoryStore {
  findReservation(
    tx: EntityManager,
    orderId: string,
    options?: { forUpdate?: boolean },
  ): Promise<ReservationRecord | undefined>;
  insertReservation(
    tx: EntityManager,
    record: Omit<ReservationRecord, "releaseReason">,
    allocations: readonly Allocation[],
    now: Date,
  ): Promise<void>;
  saveTransitions(tx: EntityManager, transitions: readonly Transition[], now: Date): Promise<void>;
  /** Records the last message published about a reservation that did not change. */
  recordMessage(tx: EntityManager, orderId: string, messageId: string, now: Date): Promise<void>;
  replaceAllocations(tx: EntityManager, orderId: string, allocations: readonly Allocation[]): Promise<void>;
  /** Locks and returns up to `limit` live holds whose holdUntil has passed. */
  claimDueHolds(tx: EntityManager, now: Date, limit: number): Promise<ReservationRecord[]>;

  /** Takes every line or none from the buckets (see bucket-allocator.ts). */
  holdLines(tx: EntityManager, lines: readonly StockLine[], options?: HoldOptions): Promise<HoldResult>;
  /** Gives these orders' allocations back to their buckets. */
  returnAllocations(tx: EntityManager, orderIds: readonly string[]): Promise<void>;
  lockAllBuckets(tx: EntityManager, sku: string): Promise<BucketStock[]>;
  commitmentsOf(tx: EntityManager, sku: string): Promise<StockCommitments>;
  /** Sets bucket i to amounts[i]; buckets beyond them are emptied. */
  refillBuckets(tx: EntityManager, sku: string, amounts: readonly number[]): Promise<void>;

  /** Creates or updates a product (locking its row); true if created. */
  upsertProduct(tx: EntityManager, spec: ProductSpec, now: Date): Promise<boolean>;
  /** Products in SKU order: all of them, or `limit` after `afterSku`. */
  listProducts(tx: EntityManager, page?: CatalogPage): Promise<ProductView[]>;
  findProduct(tx: EntityManager, sku: string): Promise<ProductView | undefined>;
}

export interface ReservationRecord {
  orderId: string;
  status: Exclude<Reservation["status"], "none">;
  lines: StockLine[];
  unavailable: ShortLine[] | null;
  holdUntil: Date;
  releaseReason: ReleaseReason | null;
  /** Bumped by every transition; the streamVersion of the message it published. */
  version: number;
  /** The checkout's correlation id, carried into every message about this order. */
  correlationId: string;
  /** Id of the last message published about this reservation (the cause of an expiry). */
  lastMessageId: string;
}

export interface Transition {
  orderId: string;
  status: "committed" | "released";
  releaseReason?: ReleaseReason;
  /** The message published for it. */
  messageId: string;
}

/** Items of one SKU taken from (or owed back to) one bucket. */
export interface Allocation {
  readonly sku: string;
  readonly bucket: number;
  readonly quantity: number;
}

export type TakePath = "free" | "queued" | "gathered" | "short";

export interface HoldResult {
  /** Where every line's items came from; empty when anything was short. */
  allocations: Allocation[];
  /** The short lines, in request order; empty when everything was taken. */
  shortages: ShortLine[];
}

export interface HoldOptions {
  /** Reports the path each line finally took (for measurements). */
  onTake?: (path: TakePath) => void;
  random?: () => number;
}

export interface CatalogPage {
  /** The SKU the page starts after (the previous page's last). */
  afterSku?: string;
  limit?: number;
}

/** A product as the catalog shows it; `available` is the sum of its buckets. */
export interface ProductView {
  sku: string;
  name: string;
  /** Price of one item in integer minor units of `currency`. */
  priceCents: number;
  currency: string;
  available: number;
}

export interface ProductSpec {
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  /** Total items for sale from now on, counting those already held or sold. */
  stock: number;
}

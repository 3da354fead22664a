import type { EntityManager } from "typeorm";
import type { HoldOptions, HoldResult, TakePath } from "../../application/inventory-store.port";
import { planGather, totalAvailable, type Take } from "../../domain/stock-buckets";
import type { ShortLine, StockLine } from "../../domain/stock-line";
import {
  applyTakes,
  availableTotals,
  lockAllBuckets,
  takeFromBucketWaiting,
  takeFromFreeBucket,
  type Allocation,
} from "./stock-buckets.repository";

/**
 * Hot SKUs: how a reservation takes stock without every buyer of one SKU
 * queueing on one row lock.
 *
 * A SKU's available stock is split over N bucket rows (STOCK_BUCKETS, default
 * 8), each with CHECK (available >= 0). A line takes its quantity:
 *
 * 1. "free": from one random bucket that has enough and that nobody holds
 *    (FOR UPDATE SKIP LOCKED): never waits, so up to N buyers of one SKU take
 *    stock side by side. The same statement reads the SKU's total, so a sold
 *    out SKU is rejected at once, without waiting for any lock.
 * 2. "queued": every bucket that could cover the line is busy: wait for one
 *    of them, chosen at random, so waiters spread over N queues, not one.
 * 3. "gathered": no single bucket covers the line (a large quantity, or stock
 *    fragmented at the end of a sale): lock all the SKU's buckets in bucket
 *    order and take from the fullest ones.
 *
 * First every line tries step 1 only, inside one savepoint. If a line finds no
 * free bucket although the SKU has enough, everything is rolled back to that
 * savepoint and the lines are taken again, waiting where needed (steps 1-3,
 * each attempt in a per-line savepoint). The rollbacks matter: when a row
 * changed between a statement's snapshot and its lock, PostgreSQL keeps the
 * row locked even though its recheck failed and the row was not used, and a
 * transaction that waits while holding such a stray lock can deadlock. With
 * them, a transaction only ever waits holding buckets of SKUs sorted before
 * the one it waits for, or lower buckets of the same SKU (step 3): one global
 * (sku, bucket) order, so no cycle. A deadlock reported anyway is retried.
 *
 * Correctness does not rest on the strategy: a bucket only ever loses what it
 * holds (a conditional UPDATE, re-checked by PostgreSQL after any wait), the
 * CHECK forbids a negative bucket, and the takes, the reservation and its
 * outgoing message commit in one transaction.
 */
type LineOutcome =
  | { path: "free" | "queued" | "gathered"; takes: Take[] }
  | { path: "short"; available: number }
  | { path: "busy" };

const WHOLE = "hold_lines";
const LINE = "hold_line";

/** Takes every line or none: after a short line, nothing taken stays taken. */
export async function holdLines(
  manager: EntityManager,
  lines: readonly StockLine[],
  options: HoldOptions = {},
): Promise<HoldResult> {
  // SKU order: two orders for the same SKUs wait for them in the same order.
  const ordered = [...lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  await manager.query(`SAVEPOINT ${WHOLE}`);
  let result = await takeAll(manager, ordered, (line) => takeFree(manager, line));
  if (result === "busy") {
    await manager.query(`ROLLBACK TO SAVEPOINT ${WHOLE}`);
    result = await takeAll(manager, ordered, (line) =>
      takeWaiting(manager, line, options.random ?? Math.random),
    );
  }
  if (result === "busy") throw new Error("unreachable: the waiting pass never reports busy");
  if ("short" in result) {
    await manager.query(`ROLLBACK TO SAVEPOINT ${WHOLE}`);
    options.onTake?.("short");
    return { allocations: [], shortages: await shortagesFrom(manager, lines, ordered, result.short) };
  }
  for (const path of result.paths) options.onTake?.(path);
  return { allocations: result.allocations, shortages: [] };
}

type PassResult =
  { allocations: Allocation[]; paths: TakePath[] } | { short: { index: number; available: number } } | "busy";

async function takeAll(
  manager: EntityManager,
  ordered: readonly StockLine[],
  take: (line: StockLine) => Promise<LineOutcome>,
): Promise<PassResult> {
  const allocations: Allocation[] = [];
  const paths: TakePath[] = [];
  for (const [index, line] of ordered.entries()) {
    const outcome = await take(line);
    if (outcome.path === "busy") return "busy";
    if (outcome.path === "short") return { short: { index, available: outcome.available } };
    allocations.push(...outcome.takes.map((take) => ({ sku: line.sku, ...take })));
    paths.push(outcome.path);
  }
  return { allocations, paths };
}

async function takeFree(manager: EntityManager, line: StockLine): Promise<LineOutcome> {
  const free = await takeFromFreeBucket(manager, line.sku, line.quantity);
  if (free.bucket !== null)
    return { path: "free", takes: [{ bucket: free.bucket, quantity: line.quantity }] };
  // Short as of this statement's snapshot; an unknown SKU has no buckets, so 0.
  if (free.total < line.quantity) return { path: "short", available: free.total };
  return { path: "busy" };
}

async function takeWaiting(
  manager: EntityManager,
  line: StockLine,
  random: () => number,
): Promise<LineOutcome> {
  const { sku, quantity } = line;
  await manager.query(`SAVEPOINT ${LINE}`);
  const free = await takeFromFreeBucket(manager, sku, quantity);
  if (free.bucket !== null) return { path: "free", takes: [{ bucket: free.bucket, quantity }] };
  await manager.query(`ROLLBACK TO SAVEPOINT ${LINE}`);
  if (free.total < quantity) return { path: "short", available: free.total };
  if (free.covering.length > 0) {
    const bucket = free.covering[Math.floor(random() * free.covering.length)]!;
    if (await takeFromBucketWaiting(manager, sku, bucket, quantity)) {
      return { path: "queued", takes: [{ bucket, quantity }] };
    }
    await manager.query(`ROLLBACK TO SAVEPOINT ${LINE}`);
  }
  const buckets = await lockAllBuckets(manager, sku);
  const plan = planGather(buckets, quantity);
  if (!plan) return { path: "short", available: totalAvailable(buckets) };
  await applyTakes(manager, sku, plan);
  return { path: "gathered", takes: plan };
}

/** The short line, plus every later line that is short too (a plain read; earlier lines were covered). */
async function shortagesFrom(
  manager: EntityManager,
  lines: readonly StockLine[],
  ordered: readonly StockLine[],
  short: { index: number; available: number },
): Promise<ShortLine[]> {
  const line = ordered[short.index]!;
  const rest = ordered.slice(short.index + 1);
  const totals = await availableTotals(
    manager,
    rest.map((other) => other.sku),
  );
  const found = [
    { sku: line.sku, requested: line.quantity, available: short.available },
    ...rest
      .map((other) => ({ sku: other.sku, requested: other.quantity, available: totals.get(other.sku) ?? 0 }))
      .filter((other) => other.available < other.requested),
  ];
  // In request order, as the order saga sent them.
  return lines.flatMap((requested) => found.filter((shortLine) => shortLine.sku === requested.sku));
}

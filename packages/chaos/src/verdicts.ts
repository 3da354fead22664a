/**
 * The campaign's checker, Jepsen style: each invariant is `ok` only when the
 * evidence confirms it, `violated` when the evidence contradicts it, and
 * `unknown` when the evidence could not be gathered (an order that could not
 * be read, a ledger that did not answer). Unknown never counts as a pass.
 */
export type Verdict = "ok" | "violated" | "unknown";

export interface InvariantVerdict {
  invariant: "I1" | "I2" | "I3" | "I4" | "I5" | "I6" | "I7";
  verdict: Verdict;
  detail: string;
}

const FINAL = ["CONFIRMED", "REJECTED", "CANCELLED"];
const FINAL_KINDS: Record<string, string> = {
  CONFIRMED: "order-confirmed",
  CANCELLED: "order-cancelled",
  REJECTED: "order-rejected",
};

export interface AcceptedCheckout {
  orderId: string;
  customerId: string;
}

/** An order as the order service shows it at the end (shared/API.md's view). */
export interface OrderAtEnd {
  orderId: string;
  status: string;
  totalCents: number;
  deadline: string;
  items: { sku: string; quantity: number }[];
  payment: { status: string };
  history: { status: string; at: string }[];
}

export interface Ledger {
  charges: { chargeId: string; reference: string; status: string; amountCents: number }[];
  refunds: { chargeId: string; amountCents: number }[];
}

export interface Evidence {
  accepted: readonly AcceptedCheckout[];
  /** Shoppers without a definite answer whose order list could not be read: what they placed is unknown. */
  unlistedCustomers: readonly string[];
  /** Each accepted order as read at the end; undefined where it could not be read. */
  orders: ReadonlyMap<string, OrderAtEnd | undefined>;
  ledger?: Ledger;
  /** Per SKU: the stock put on sale and what is available at the end; undefined if unread. */
  stock?: readonly { sku: string; initial: number; available: number }[];
  /** When the faults stopped (epoch ms) and how long after its deadline an order may take. */
  healedAtMs: number;
  drainMs: number;
  /** Checkouts sent twice with one Idempotency-Key: the order ids each answer named. */
  replays: readonly { first: string; second: string }[];
  /** Reads of one customer's order by another: the statuses they got. */
  isolationProbes: readonly number[];
  /** Each customer's notification kinds, oldest first; undefined if the feed could not be read. */
  feeds: ReadonlyMap<string, readonly string[] | undefined>;
}

export function checkAll(evidence: Evidence): InvariantVerdict[] {
  return [
    everyOrderFinal(evidence),
    moneyMatches(evidence),
    nothingOversold(evidence),
    finalInTime(evidence),
    effectsOnce(evidence),
    isolation(evidence),
    toldOnce(evidence),
  ];
}

const readOrders = (e: Evidence) =>
  e.accepted.flatMap(({ orderId }) => {
    const order = e.orders.get(orderId);
    return order ? [order] : [];
  });
const unread = (e: Evidence) => e.accepted.filter(({ orderId }) => !e.orders.get(orderId)).length;

function everyOrderFinal(e: Evidence): InvariantVerdict {
  const open = readOrders(e).filter((order) => !FINAL.includes(order.status));
  if (open.length > 0)
    return { invariant: "I1", verdict: "violated", detail: `${open.length} accepted orders not final` };
  if (unread(e) > 0)
    return { invariant: "I1", verdict: "unknown", detail: `${unread(e)} accepted orders could not be read` };
  if (e.unlistedCustomers.length > 0)
    return {
      invariant: "I1",
      verdict: "unknown",
      detail: `${e.unlistedCustomers.length} unanswered shoppers' orders could not be listed`,
    };
  return { invariant: "I1", verdict: "ok", detail: `${e.accepted.length} accepted orders, all final` };
}

function moneyMatches(e: Evidence): InvariantVerdict {
  if (!e.ledger)
    return { invariant: "I2", verdict: "unknown", detail: "the bank's ledger could not be read" };
  const refunded = new Map<string, number>();
  for (const refund of e.ledger.refunds)
    refunded.set(refund.chargeId, (refunded.get(refund.chargeId) ?? 0) + refund.amountCents);
  const wrong: string[] = [];
  for (const order of readOrders(e)) {
    const captures = e.ledger.charges.filter((c) => c.reference === order.orderId && c.status === "captured");
    const kept = captures.reduce((sum, c) => sum + c.amountCents - (refunded.get(c.chargeId) ?? 0), 0);
    const owed = order.status === "CONFIRMED" ? order.totalCents : 0;
    if (captures.length > 1 || kept !== owed) wrong.push(`${order.orderId} kept ${kept}, owed ${owed}`);
  }
  if (wrong.length > 0) return { invariant: "I2", verdict: "violated", detail: wrong.slice(0, 5).join("; ") };
  if (unread(e) > 0)
    return { invariant: "I2", verdict: "unknown", detail: `${unread(e)} orders could not be read` };
  return { invariant: "I2", verdict: "ok", detail: `the bank kept exactly the confirmed totals` };
}

function nothingOversold(e: Evidence): InvariantVerdict {
  if (!e.stock) return { invariant: "I3", verdict: "unknown", detail: "stock could not be read" };
  const sold = new Map<string, number>();
  for (const order of readOrders(e).filter((o) => o.status === "CONFIRMED"))
    for (const item of order.items) sold.set(item.sku, (sold.get(item.sku) ?? 0) + item.quantity);
  const wrong = e.stock.filter((s) => s.available < 0 || (sold.get(s.sku) ?? 0) + s.available !== s.initial);
  if (wrong.length > 0)
    return {
      invariant: "I3",
      verdict: "violated",
      detail: wrong
        .map((s) => `${s.sku}: ${sold.get(s.sku) ?? 0} sold + ${s.available} left != ${s.initial}`)
        .join("; "),
    };
  if (unread(e) > 0)
    return { invariant: "I3", verdict: "unknown", detail: `${unread(e)} orders could not be read` };
  return { invariant: "I3", verdict: "ok", detail: `sold + available = on sale for ${e.stock.length} SKUs` };
}

function finalInTime(e: Evidence): InvariantVerdict {
  const late = readOrders(e).filter((order) => {
    const finalAt = Date.parse(order.history.at(-1)?.at ?? "");
    const bound = Math.max(Date.parse(order.deadline), e.healedAtMs) + e.drainMs;
    return !FINAL.includes(order.status) || !(finalAt <= bound);
  });
  if (late.length > 0)
    return {
      invariant: "I4",
      verdict: "violated",
      detail: `${late.length} orders not final by max(deadline, healed) + drain`,
    };
  if (unread(e) > 0)
    return { invariant: "I4", verdict: "unknown", detail: `${unread(e)} orders could not be read` };
  return {
    invariant: "I4",
    verdict: "ok",
    detail: `every order final within ${e.drainMs / 1000} s of its bound`,
  };
}

function effectsOnce(e: Evidence): InvariantVerdict {
  const split = e.replays.filter((replay) => replay.first !== replay.second);
  if (split.length > 0)
    return {
      invariant: "I5",
      verdict: "violated",
      detail: `${split.length} replayed checkouts placed a second order`,
    };
  if (e.replays.length === 0)
    return { invariant: "I5", verdict: "unknown", detail: "no checkout was replayed" };
  return {
    invariant: "I5",
    verdict: "ok",
    detail: `${e.replays.length} replayed checkouts placed nothing twice`,
  };
}

function isolation(e: Evidence): InvariantVerdict {
  // 0: the read got no answer, which proves nothing either way.
  const leaks = e.isolationProbes.filter((status) => status !== 404 && status !== 0);
  if (leaks.length > 0)
    return {
      invariant: "I6",
      verdict: "violated",
      detail: `${leaks.length} reads of another's order answered ${leaks.join(", ")}`,
    };
  if (e.isolationProbes.length === 0) return { invariant: "I6", verdict: "unknown", detail: "no probe ran" };
  const unanswered = e.isolationProbes.filter((status) => status === 0).length;
  if (unanswered > 0)
    return { invariant: "I6", verdict: "unknown", detail: `${unanswered} probes got no answer` };
  return {
    invariant: "I6",
    verdict: "ok",
    detail: `${e.isolationProbes.length} reads of another's order answered 404`,
  };
}

/** I7: each customer hears received once, their order's outcome once, and nothing twice. */
function toldOnce(e: Evidence): InvariantVerdict {
  const wrong: string[] = [];
  let unknown = 0;
  for (const { orderId, customerId } of e.accepted) {
    const order = e.orders.get(orderId);
    const kinds = e.feeds.get(customerId);
    if (!order || !kinds) {
      unknown++;
      continue;
    }
    const counts = new Map<string, number>();
    for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const twice = [...counts].filter(([kind, count]) => count > 1 && kind !== "payment-recovered");
    const outcome = FINAL_KINDS[order.status];
    const missing = ["order-received", ...(outcome ? [outcome] : [])].filter((kind) => !counts.has(kind));
    if (order.payment.status === "refunded" && !counts.has("payment-refunded"))
      missing.push("payment-refunded");
    if (twice.length > 0 || missing.length > 0)
      wrong.push(
        `${customerId}: ${[...twice.map(([k]) => `${k} twice`), ...missing.map((k) => `no ${k}`)].join(", ")}`,
      );
  }
  if (wrong.length > 0) return { invariant: "I7", verdict: "violated", detail: wrong.slice(0, 5).join("; ") };
  if (unknown > 0)
    return { invariant: "I7", verdict: "unknown", detail: `${unknown} customers' feeds or orders unread` };
  return { invariant: "I7", verdict: "ok", detail: `${e.accepted.length} customers told each step once` };
}

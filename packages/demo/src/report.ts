// What the flash sale did, checked against peakshop's promises and told in
// plain words. Pure: the numbers come in, the verdict and the text go out.

export type FinalStatus = "CONFIRMED" | "CANCELLED" | "REJECTED";

export interface OrderOutcome {
  orderId: string;
  /** Undefined while the order has not reached a final status. */
  status?: FinalStatus;
  reason?: string;
  quantity: number;
  totalCents: number;
  /** Payment attempts made toward the bank. */
  attempts: number;
  /** Checked out while the bank was down. */
  duringOutage: boolean;
}

export interface Charge {
  reference: string;
  status: "captured" | "declined";
  amountCents: number;
}

export interface Refund {
  chargeReference: string;
  amountCents: number;
}

export interface SaleObservations {
  sku: string;
  currency: string;
  stockOnSale: number;
  /** What the catalog says can still be bought once everything settled. */
  availableAfter: number;
  orders: OrderOutcome[];
  /** The bank's ledger entries for these orders (charge reference = order id). */
  charges: Charge[];
  refunds: Refund[];
  /** How many notifications of each kind the shoppers received. */
  notifications: Record<string, number>;
  /** The payment status page's incidents that began during the sale. */
  incidents: { message: string; startedAt: string; resolvedAt?: string }[];
  /** Checkouts the gateway refused, by HTTP status (e.g. 429 when over a limit). */
  refusedCheckouts: Record<string, number>;
}

export interface Verdict {
  /** Each promise kept or broken, in words. */
  checks: { ok: boolean; text: string }[];
  ok: boolean;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Holds peakshop's promises (I1-I4 of the design) against what the sale left behind. */
export function judge(sale: SaleObservations): Verdict {
  const confirmed = sale.orders.filter((order) => order.status === "CONFIRMED");
  const unfinished = sale.orders.filter((order) => !order.status);
  const captured = sale.charges.filter((charge) => charge.status === "captured");
  const capturedPerOrder = new Map<string, number>();
  for (const charge of captured) {
    capturedPerOrder.set(charge.reference, (capturedPerOrder.get(charge.reference) ?? 0) + 1);
  }
  const chargedTwice = [...capturedPerOrder.values()].filter((count) => count > 1).length;
  const keptCents =
    sum(captured.map((charge) => charge.amountCents)) - sum(sale.refunds.map((r) => r.amountCents));
  const confirmedCents = sum(confirmed.map((order) => order.totalCents));
  const sold = sum(confirmed.map((order) => order.quantity));
  const checks = [
    {
      ok: unfinished.length === 0,
      text:
        unfinished.length === 0
          ? `Every one of the ${sale.orders.length} orders reached a final status.`
          : `${unfinished.length} order(s) had not reached a final status when the demo stopped waiting.`,
    },
    {
      ok: chargedTwice === 0,
      text:
        chargedTwice === 0 ? "No order was charged twice." : `${chargedTwice} order(s) were charged twice.`,
    },
    {
      ok: keptCents === confirmedCents,
      text:
        keptCents === confirmedCents
          ? `The bank kept exactly what the confirmed orders cost: ${money(keptCents, sale.currency)}.`
          : `The bank kept ${money(keptCents, sale.currency)} but confirmed orders cost ${money(confirmedCents, sale.currency)}.`,
    },
    {
      ok: sold <= sale.stockOnSale && sale.availableAfter === sale.stockOnSale - sold,
      text:
        sold <= sale.stockOnSale && sale.availableAfter === sale.stockOnSale - sold
          ? `Nothing was oversold: ${sold} of ${sale.stockOnSale} sold, ${sale.availableAfter} still on sale, none left on hold.`
          : `Stock does not add up: ${sale.stockOnSale} on sale, ${sold} sold, ${sale.availableAfter} available.`,
    },
  ];
  return { checks, ok: checks.every((check) => check.ok) };
}

export function money(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency}`;
}

const REASONS: Record<string, string> = {
  "payment-declined": "the bank declined the payment",
  "payment-deadline-passed": "the payment could not be made before the deadline",
  "cancelled-by-customer": "the customer cancelled",
  "stock-hold-expired": "the items' hold ran out before the payment came through; the payment was refunded",
};

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The outcome, for a newcomer: what happened to the orders, the money and the stock. */
export function describeSale(sale: SaleObservations, verdict: Verdict): string[] {
  const by = (status: FinalStatus) => sale.orders.filter((order) => order.status === status);
  const confirmed = by("CONFIRMED");
  const lines = ["", "What happened", `  Orders: ${plural(sale.orders.length, "order")} placed.`];
  const afterRetries = confirmed.filter((order) => order.attempts > 1);
  lines.push(
    `    ${confirmed.length} confirmed` +
      (afterRetries.length
        ? ` (${afterRetries.length} of them paid only on a later attempt, after the bank came back)`
        : ""),
  );
  const cancelled = by("CANCELLED");
  const reasons = new Map<string, number>();
  for (const order of cancelled) {
    const reason = REASONS[order.reason ?? ""] ?? order.reason ?? "no reason given";
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  for (const [reason, count] of reasons) lines.push(`    ${count} cancelled: ${reason}`);
  const rejected = by("REJECTED");
  if (rejected.length) {
    lines.push(
      `    ${rejected.length} rejected: every item was sold or held for earlier shoppers when they checked out`,
    );
  }
  const refused = Object.entries(sale.refusedCheckouts);
  if (refused.length) {
    lines.push(
      `    ${refused.map(([status, count]) => `${count} checkout(s) turned away with HTTP ${status}`).join(", ")}`,
    );
  }
  const captured = sale.charges.filter((charge) => charge.status === "captured");
  const declined = sale.charges.filter((charge) => charge.status === "declined");
  lines.push(
    `  Money: the bank captured ${plural(captured.length, "charge")} worth ` +
      `${money(sum(captured.map((c) => c.amountCents)), sale.currency)}` +
      (declined.length ? `, declined ${declined.length}` : "") +
      (sale.refunds.length
        ? `, refunded ${money(sum(sale.refunds.map((r) => r.amountCents)), sale.currency)}`
        : ", refunded nothing") +
      ".",
  );
  const sold = sum(confirmed.map((order) => order.quantity));
  lines.push(`  Stock: ${sale.stockOnSale} on sale, ${sold} sold, ${sale.availableAfter} left.`);
  const told = Object.entries(sale.notifications).sort(([a], [b]) => a.localeCompare(b));
  if (told.length) {
    lines.push(`  Customers were told: ${told.map(([kind, count]) => `${count} × ${kind}`).join(", ")}.`);
  }
  for (const incident of sale.incidents) {
    const lasted = incident.resolvedAt
      ? `resolved after ${Math.round((Date.parse(incident.resolvedAt) - Date.parse(incident.startedAt)) / 1000)} s`
      : "still open";
    lines.push(`  Status page: "${incident.message}" (${lasted}).`);
  }
  lines.push("", "Promises");
  for (const check of verdict.checks) lines.push(`  ${check.ok ? "kept  " : "BROKEN"} ${check.text}`);
  return lines;
}

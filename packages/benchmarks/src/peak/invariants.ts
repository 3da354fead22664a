export const FINAL_STATUSES = ["CONFIRMED", "REJECTED", "CANCELLED"] as const;

/** An accepted order as the public API shows it at the end of a run. */
export interface FinishedOrder {
  orderId: string;
  status: string;
  totalCents: number;
  items: { sku: string; quantity: number }[];
}

export interface LedgerCharge {
  chargeId: string;
  reference: string;
  status: string;
  amountCents: number;
}

export interface LedgerRefund {
  chargeId: string;
  amountCents: number;
}

export interface StockReading {
  sku: string;
  /** Stock put on sale at the start of the run. */
  initial: number;
  /** Available now, as the catalog shows it. */
  available: number;
}

export interface InvariantCheck {
  id: "I1" | "I2" | "I3";
  ok: boolean;
  detail: string;
}

/** I1: every accepted order reached a final status. */
export function checkEveryOrderFinal(accepted: number, orders: readonly FinishedOrder[]): InvariantCheck {
  const final = orders.filter((order) => (FINAL_STATUSES as readonly string[]).includes(order.status));
  const open = orders.length - final.length;
  const missing = accepted - orders.length;
  return {
    id: "I1",
    ok: open === 0 && missing === 0,
    detail: `${final.length} of ${accepted} accepted orders final (${open} still open, ${missing} not found)`,
  };
}

/**
 * I2: the bank kept exactly what each confirmed order costs and nothing of the
 * others (captured - refunded), and no order was captured twice.
 */
export function checkMoney(
  orders: readonly FinishedOrder[],
  charges: readonly LedgerCharge[],
  refunds: readonly LedgerRefund[],
): InvariantCheck {
  const refundedByCharge = new Map<string, number>();
  for (const refund of refunds)
    refundedByCharge.set(refund.chargeId, (refundedByCharge.get(refund.chargeId) ?? 0) + refund.amountCents);
  const capturesByOrder = new Map<string, LedgerCharge[]>();
  for (const charge of charges.filter((charge) => charge.status === "captured"))
    capturesByOrder.set(charge.reference, [...(capturesByOrder.get(charge.reference) ?? []), charge]);
  const wrong: string[] = [];
  let doubleCaptures = 0;
  for (const order of orders) {
    const captures = capturesByOrder.get(order.orderId) ?? [];
    if (captures.length > 1) doubleCaptures++;
    const kept = captures.reduce(
      (sum, charge) => sum + charge.amountCents - (refundedByCharge.get(charge.chargeId) ?? 0),
      0,
    );
    const owed = order.status === "CONFIRMED" ? order.totalCents : 0;
    if (kept !== owed) wrong.push(`${order.orderId} (${order.status}: kept ${kept}, owed ${owed})`);
  }
  return {
    id: "I2",
    ok: wrong.length === 0 && doubleCaptures === 0,
    detail:
      wrong.length === 0 && doubleCaptures === 0
        ? `the bank kept exactly the confirmed totals of ${orders.length} orders; none captured twice`
        : `${wrong.length} orders with the wrong amount kept, ${doubleCaptures} captured twice: ${wrong.slice(0, 5).join(", ")}`,
  };
}

/** I3: per SKU, confirmed quantities plus what is still available equal the stock put on sale; nothing below zero. */
export function checkStock(orders: readonly FinishedOrder[], stock: readonly StockReading[]): InvariantCheck {
  const sold = new Map<string, number>();
  for (const order of orders.filter((order) => order.status === "CONFIRMED"))
    for (const item of order.items) sold.set(item.sku, (sold.get(item.sku) ?? 0) + item.quantity);
  const wrong = stock.filter(
    (reading) =>
      reading.available < 0 || (sold.get(reading.sku) ?? 0) + reading.available !== reading.initial,
  );
  const totalSold = [...sold.values()].reduce((sum, quantity) => sum + quantity, 0);
  return {
    id: "I3",
    ok: wrong.length === 0,
    detail:
      wrong.length === 0
        ? `${totalSold} sold + ${stock.reduce((sum, r) => sum + r.available, 0)} available = ${stock.reduce((sum, r) => sum + r.initial, 0)} on sale over ${stock.length} SKUs`
        : wrong
            .map((r) => `${r.sku}: ${sold.get(r.sku) ?? 0} sold + ${r.available} available != ${r.initial}`)
            .join("; "),
  };
}

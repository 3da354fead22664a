import type { AcceptedCheckout, GatewayShopper } from "./gateway-shopper";
import { FINAL_STATUSES, type FinishedOrder, type LedgerCharge, type LedgerRefund } from "./invariants";

/** An order read back through the public API, with when it reached its final status. */
export interface OrderReading extends FinishedOrder {
  /** Milliseconds from sending the checkout to the final status in the order's history. */
  checkoutToFinalMs?: number;
}

interface PublicOrder extends FinishedOrder {
  history: { status: string; at: string }[];
}

/** Reads every accepted order through the gateway, as its customer, a bounded number at a time. */
export async function readOrders(
  shopper: GatewayShopper,
  checkouts: readonly AcceptedCheckout[],
  concurrency = 32,
): Promise<OrderReading[]> {
  const readings: OrderReading[] = [];
  let next = 0;
  const worker = async () => {
    while (next < checkouts.length) {
      const checkout = checkouts[next++]!;
      const answer = await shopper.read(`/v1/orders/${checkout.orderId}`, checkout.token);
      if (answer.status !== 200) continue;
      const order = answer.body as PublicOrder;
      const final = order.history.find((entry) =>
        (FINAL_STATUSES as readonly string[]).includes(entry.status),
      );
      readings.push({
        orderId: order.orderId,
        status: order.status,
        totalCents: order.totalCents,
        items: order.items.map(({ sku, quantity }) => ({ sku, quantity })),
        checkoutToFinalMs: final ? Date.parse(final.at) - checkout.sentAtEpochMs : undefined,
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return readings;
}

/** The bank simulator's whole ledger (its test control, not the public API). */
export async function readLedger(
  bankUrl: string,
): Promise<{ charges: LedgerCharge[]; refunds: LedgerRefund[] }> {
  const response = await fetch(`${bankUrl}/v1/ledger`, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new Error(`the bank simulator's ledger answered HTTP ${response.status}`);
  return (await response.json()) as { charges: LedgerCharge[]; refunds: LedgerRefund[] };
}

/** What the catalog says is still available of a SKU. */
export async function readAvailable(shopper: GatewayShopper, token: string, sku: string): Promise<number> {
  const answer = await shopper.read(`/v1/products/${encodeURIComponent(sku)}`, token);
  if (answer.status !== 200) throw new Error(`GET /v1/products/${sku} answered ${answer.status}`);
  return (answer.body as { available: number }).available;
}

import type { AcceptedCheckout, GatewayShopper } from "./gateway-shopper";
import { FINAL_STATUSES } from "./invariants";

// Slow enough that following four orders is not itself a load on the system it measures.
const POLL_MS = 100;
const ORDER_TIMEOUT_MS = 30_000;

/**
 * A closed loop of a few clients, each checking out and then waiting for its
 * order to be final before the next: how long one checkout takes when the
 * system is nearly idle. Bounded by `orders` and by a per-order timeout.
 */
export async function runLowLoad(
  shopper: GatewayShopper,
  run: string,
  sku: string,
  clients: number,
  orders: number,
): Promise<AcceptedCheckout[]> {
  const checkouts: AcceptedCheckout[] = [];
  let next = 0;
  const client = async () => {
    while (next < orders) {
      const index = next++;
      let accepted: AcceptedCheckout | undefined;
      await shopper.checkOut(`peak-${run}-low-${index}`, sku, (checkout) => (accepted = checkout));
      if (!accepted) continue;
      checkouts.push(accepted);
      await waitUntilFinal(shopper, accepted);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return checkouts;
}

async function waitUntilFinal(shopper: GatewayShopper, checkout: AcceptedCheckout): Promise<void> {
  const deadline = performance.now() + ORDER_TIMEOUT_MS;
  while (performance.now() < deadline) {
    const answer = await shopper.read(`/v1/orders/${checkout.orderId}`, checkout.token);
    const status = (answer.body as { status?: string } | undefined)?.status;
    if (answer.status === 200 && (FINAL_STATUSES as readonly string[]).includes(status ?? "")) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

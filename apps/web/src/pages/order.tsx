import { FINAL_STATUSES, type Order as OrderView } from "@peakshop/client";
import { useEffect, useState } from "react";
import { Stepper } from "../components/stepper";
import { formatMoney } from "../domain/money";
import { orderSteps } from "../domain/order-steps";
import { useShop } from "../shop-context";

/** While payment is pending, how often the page reads the order for the payment's own state (delayed, retrying). */
const PAYMENT_REFRESH_MS = 3_000;
/** A just-accepted order reaches the order service's view within moments; past this, a 404 means no such order. */
const APPEARS_WITHIN_MS = 30_000;

/** The order, live: its status arrives over Server-Sent Events and the page re-reads the order at each change. */
export function Order({ orderId }: { orderId: string }) {
  const { client, patiently } = useShop();
  const [order, setOrder] = useState<OrderView>();
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    const opened = Date.now();
    const read = async () => {
      const { data, response } = await patiently(() =>
        client.api.GET("/v1/orders/{orderId}", { params: { path: { orderId } } }),
      );
      if (controller.signal.aborted) return;
      if (data) setOrder(data);
      else if (response.status === 404 && Date.now() - opened > APPEARS_WITHIN_MS) setMissing(true);
    };
    const follow = async () => {
      await read();
      try {
        for await (const _event of client.followOrder(orderId, { signal: controller.signal })) await read();
      } catch {
        // The stream gave up (the page left, or the gateway refused it): the refresh below still runs.
      }
    };
    void follow();
    const refresh = setInterval(() => void read(), PAYMENT_REFRESH_MS);
    return () => {
      controller.abort();
      clearInterval(refresh);
    };
  }, [client, orderId, patiently]);
  if (order === undefined && missing) return <p role="alert">We cannot find this order.</p>;
  if (!order) return <p>Placing your order…</p>;
  return (
    <section className="card">
      <h1>Order {order.orderId}</h1>
      <p>
        Status: <strong data-testid="order-status">{order.status}</strong>
        {!FINAL_STATUSES.has(order.status) && <span className="muted"> (updates by itself)</span>}
      </p>
      <Stepper steps={orderSteps(order)} />
      <p>Total: {formatMoney(order.totalCents, order.currency)}</p>
    </section>
  );
}

import type { PeakshopClient } from "@peakshop/client";
import { useCallback, useState } from "react";
import { describeAge } from "../domain/age";
import { answerOf, usePolled } from "./use-polled";

const OPEN_STATUSES = ["PLACED", "STOCK_RESERVED", "PAYMENT_PENDING"] as const;
type OpenStatus = (typeof OPEN_STATUSES)[number];
const STUCK_WORDS = { "past-deadline": "past its deadline", stalled: "stalled" } as const;

/** Orders in flight by status, and the oldest of them; the stuck ones are what needs a person. */
export function OrdersPanel({ client }: { client: PeakshopClient }) {
  const [status, setStatus] = useState<OpenStatus | "">("");
  const [stuckOnly, setStuckOnly] = useState(false);
  const read = useCallback(
    async () =>
      answerOf(
        await client.api.GET("/v1/admin/orders", {
          params: {
            query: {
              ...(status ? { status } : {}),
              ...(stuckOnly ? { stuck: "true" as const } : {}),
              limit: 20,
            },
          },
        }),
      ),
    [client, status, stuckOnly],
  );
  const { data, error } = usePolled(read, 3_000);
  const now = new Date();
  return (
    <section className="card" aria-labelledby="orders-heading">
      <h2 id="orders-heading">Orders in flight</h2>
      {error && <p role="alert">{error}</p>}
      {data && (
        <p data-testid="open-orders">
          {OPEN_STATUSES.map((name) => `${name} ${data.open[name] ?? 0}`).join(" · ")}
        </p>
      )}
      <div className="filters">
        <label className="inline">
          Status{" "}
          <select value={status} onChange={(event) => setStatus(event.target.value as OpenStatus | "")}>
            <option value="">any open</option>
            {OPEN_STATUSES.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={stuckOnly}
            onChange={(event) => setStuckOnly(event.target.checked)}
          />
          Only stuck ones
        </label>
      </div>
      {data && data.orders.length === 0 && <p className="muted">None: every order is final.</p>}
      {data && data.orders.length > 0 && (
        <table>
          <caption className="muted">Oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Customer</th>
              <th scope="col">Status</th>
              <th scope="col">Payment</th>
              <th scope="col">Placed</th>
              <th scope="col">Stuck</th>
            </tr>
          </thead>
          <tbody>
            {data.orders.map((order) => (
              <tr key={order.orderId} className={order.stuck ? "stuck" : undefined}>
                <td>
                  <code>{order.orderId.slice(0, 8)}</code>
                </td>
                <td>{order.customerId}</td>
                <td>{order.status}</td>
                <td>
                  {order.payment.status}, {order.payment.attempts} attempt(s)
                  {order.payment.lastError && `: ${order.payment.lastError}`}
                </td>
                <td>{describeAge(new Date(order.history[0]?.at ?? order.updatedAt), now)}</td>
                <td>{order.stuck ? STUCK_WORDS[order.stuck] : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

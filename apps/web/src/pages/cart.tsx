import type { Cart as CartView } from "@peakshop/client";
import { useEffect, useRef, useState } from "react";
import { useLocation } from "wouter";
import { CheckoutAttempts } from "../domain/checkout-attempt";
import { formatMoney } from "../domain/money";
import { useShop } from "../shop-context";

export function Cart() {
  const { client, patiently } = useShop();
  const [, navigate] = useLocation();
  const [cart, setCart] = useState<CartView>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const attempts = useRef(new CheckoutAttempts(() => crypto.randomUUID()));
  useEffect(() => {
    void patiently(() => client.api.GET("/v1/cart")).then(({ data }) => setCart(data));
  }, [client, patiently]);
  const remove = async (sku: string) => {
    const { data } = await patiently(() =>
      client.api.DELETE("/v1/cart/items/{sku}", { params: { path: { sku } } }),
    );
    if (data) setCart(data);
  };
  const checkout = async () => {
    setBusy(true);
    setMessage(undefined);
    const key = attempts.current.keyForNextRequest();
    try {
      const { data, error, response } = await patiently(() =>
        client.api.POST("/v1/checkout", {
          body: { paymentToken: "tok_ok" },
          params: { header: { "idempotency-key": key } },
        }),
      );
      if (data) {
        attempts.current.settle("accepted");
        navigate(`/orders/${encodeURIComponent(data.orderId)}`);
        return;
      }
      attempts.current.settle(response.status >= 500 ? "unknown" : "refused");
      setMessage(error?.detail ?? "The checkout did not go through; your cart is unchanged.");
    } catch {
      attempts.current.settle("unknown");
      setMessage("We lost the connection. Press the button again: you will not get a second order.");
    } finally {
      setBusy(false);
    }
  };
  if (!cart) return <p>Loading your cart…</p>;
  if (cart.items.length === 0) return <p>Your cart is empty.</p>;
  return (
    <section className="card">
      <h1>Your cart</h1>
      <ul>
        {cart.items.map((item) => (
          <li key={item.sku}>
            {item.quantity} × {item.name} · {formatMoney(item.priceCents, cart.currency ?? "EUR")}{" "}
            <button className="link" onClick={() => void remove(item.sku)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <p>Total: {formatMoney(cart.totalCents, cart.currency ?? "EUR")}</p>
      <button onClick={() => void checkout()} disabled={busy}>
        Place order
      </button>
      {message && <p role="alert">{message}</p>}
    </section>
  );
}

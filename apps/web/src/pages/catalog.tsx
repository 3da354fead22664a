import type { Product } from "@peakshop/client";
import { useEffect, useState } from "react";
import { Link } from "wouter";
import { formatMoney } from "../domain/money";
import { useShop } from "../shop-context";

export function Catalog() {
  const { client, patiently, shopper } = useShop();
  const [products, setProducts] = useState<Product[]>();
  const [added, setAdded] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    void patiently(() => client.api.GET("/v1/products")).then(({ data, error: problem }) =>
      data ? setProducts(data.items) : setError(problem?.detail ?? "The catalog did not load."),
    );
  }, [client, patiently]);
  const add = async (sku: string) => {
    const { data, error: problem } = await patiently(() =>
      client.api.POST("/v1/cart/items", { body: { sku, quantity: 1 } }),
    );
    if (data) setAdded(sku);
    else setError(problem?.detail ?? "Could not add it; try again.");
  };
  if (error) return <p role="alert">{error}</p>;
  if (!products) return <p>Loading the catalog…</p>;
  return (
    <section>
      <h1>Today's deals</h1>
      <ul className="products">
        {products.map((product) => (
          <li key={product.sku} className="card">
            <h2>{product.name}</h2>
            <p>{formatMoney(product.priceCents, product.currency)}</p>
            <p className="muted">{product.available > 0 ? `${product.available} left` : "Sold out"}</p>
            {shopper ? (
              <button disabled={product.available === 0} onClick={() => void add(product.sku)}>
                Add to cart
              </button>
            ) : (
              <Link href="/sign-in">Sign in to buy</Link>
            )}
            {added === product.sku && <p role="status">Added to your cart.</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

import type { PaymentStatus } from "@peakshop/client";
import { Link } from "wouter";
import { useShop } from "../shop-context";
import { usePaymentStatus } from "../use-payment-status";

const HEADLINE: Record<PaymentStatus["payments"], string> = {
  operational: "",
  degraded: "Payments are slow right now",
  outage: "Payments are down right now",
};

/** The status page's word, on every page, while payments are not operational. */
export function StatusBanner() {
  const { config } = useShop();
  const { status } = usePaymentStatus(config.statusRefreshSeconds * 1_000);
  if (!status || status.payments === "operational") return null;
  return (
    <aside className={`banner banner-${status.payments}`} role="status">
      <strong>{HEADLINE[status.payments]}.</strong> {status.message} Orders are kept and paid as soon as the
      bank answers again. <Link href="/status">See the status page</Link>
    </aside>
  );
}

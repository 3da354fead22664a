import { useShop } from "../shop-context";

/** Shown while a request waits out a 429 or 503: the shop is packed, the cart is safe, and the countdown is real. */
export function OverloadNotice() {
  const { waitingSeconds } = useShop();
  if (waitingSeconds === undefined) return null;
  return (
    <section className="overload" role="alert" aria-live="assertive">
      <h2>Whoa, it is busy in here!</h2>
      <p>
        Half the country is shopping with you right now, and our checkout counters are full. Your cart is safe
        with us; nothing was lost and nothing will be charged twice.
      </p>
      <p className="countdown">
        Trying again by itself in <strong data-testid="retry-countdown">{waitingSeconds}</strong> s.
      </p>
    </section>
  );
}

import { describe, expect, it } from "vitest";
import { formatMoney, formatUtc, shortOrderId, statusTexts, texts } from "./notification-texts";

const orderId = "3f0c9a52-8d1e-4b6f-9a2c-5e7d1b4c8a90";

describe("notification texts", () => {
  it("formats minor units per currency without floats", () => {
    expect(formatMoney(2500, "EUR")).toBe("€25.00");
    expect(formatMoney(5, "EUR")).toBe("€0.05");
    expect(formatMoney(123_456_789, "USD")).toBe("$1,234,567.89");
    expect(formatMoney(380, "JPY")).toBe("¥380");
    expect(formatMoney(3800, "CNY")).toBe("CN¥38.00");
    // 0.1 + 0.2 style errors would show here: 2^53-ish amounts stay exact.
    expect(formatMoney(9_007_199_254_740_991, "EUR")).toBe("€90,071,992,547,409.91");
  });

  it("formats each currency the same however many currencies came before (formats are reused)", () => {
    const currencies = Intl.supportedValuesOf("currency").slice(0, 100);
    for (const currency of currencies) formatMoney(100, currency);
    expect(formatMoney(2500, "EUR")).toBe("€25.00");
    expect(formatMoney(380, "JPY")).toBe("¥380");
    expect(formatMoney(2500, "EUR")).toBe("€25.00");
  });

  it("writes instants for people, in UTC", () => {
    expect(formatUtc("2026-11-11T00:15:01.500Z")).toBe("11 November 2026 at 00:15 UTC");
    expect(formatUtc("2026-01-02T23:05:00+08:00")).toBe("2 January 2026 at 15:05 UTC");
  });

  it("names an order by a short id", () => {
    expect(shortOrderId(orderId)).toBe("3F0C9A52");
  });

  it("says what the brief says, word for word", () => {
    expect(texts.orderReceived(orderId, 2500, "EUR").message).toBe(
      "We received your order 3F0C9A52 (€25.00). We'll confirm it as soon as your payment goes through.",
    );
    expect(texts.paymentDelayed(orderId, "2026-11-11T00:15:01.500Z").message).toBe(
      "Your bank is slow to answer right now. We're retrying your payment; your items are held for you until 11 November 2026 at 00:15 UTC.",
    );
    expect(texts.orderCancelled(orderId, "payment-declined").message).toBe(
      "Your order 3F0C9A52 was cancelled: your bank declined the payment.",
    );
    expect(texts.orderCancelled(orderId, "payment-deadline-passed").message).toBe(
      "Your order 3F0C9A52 was cancelled: we could not complete your payment in time — you have not been charged.",
    );
    expect(texts.orderCancelled(orderId, "cancelled-by-customer").message).toBe(
      "Your order 3F0C9A52 was cancelled: you cancelled it.",
    );
    expect(texts.orderCancelled(orderId, "stock-hold-expired").message).toBe(
      "Your order 3F0C9A52 was cancelled: your payment went through, but too late to keep your items, which sold out in the meantime. We're sorry. We are refunding your payment in full and will tell you when it is done.",
    );
    expect(texts.orderRejected(orderId, ["SKU-A", "SKU-B"]).message).toBe(
      "We could not accept your order 3F0C9A52: some items sold out before we could reserve them: SKU-A, SKU-B. You have not been charged.",
    );
  });

  it("apologises once for one or several orders", () => {
    expect(texts.paymentRecovered([orderId]).message).toBe(
      "Sorry for the wait: our bank is answering again, and your payment for order 3F0C9A52 is going through now.",
    );
    expect(texts.paymentRecovered([orderId, "aaaaaaaa-0000-4000-8000-000000000000"]).message).toContain(
      "your payments for orders 3F0C9A52, AAAAAAAA are going through now.",
    );
  });

  it("has a sentence for every public status", () => {
    for (const text of Object.values(statusTexts)) expect(text.length).toBeGreaterThan(10);
  });
});

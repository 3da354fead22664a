import type { CancellationReason } from "./notification.types";

// Every sentence a customer reads, in one place, so product and support can
// review the wording without reading the decisions around it.

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The first 8 characters of the order id, upper case: what support asks a customer for. */
export const shortOrderId = (orderId: string): string => orderId.slice(0, 8).toUpperCase();

/**
 * Integer minor units as a price, e.g. 2500 EUR -> "€25.00", 380 JPY -> "¥380".
 * The decimal is built from integers and handed to Intl as a string, so no
 * amount ever passes through a binary float.
 */
export function formatMoney(amountMinor: number, currency: string): string {
  const format = currencyFormat(currency);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const scale = 10 ** digits;
  const sign = amountMinor < 0 ? "-" : "";
  const absolute = Math.abs(amountMinor);
  const whole = Math.trunc(absolute / scale);
  const fraction = String(absolute % scale).padStart(digits, "0");
  const decimal = digits === 0 ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
  return format.format(decimal as Intl.StringNumericLiteral);
}

// Building an Intl.NumberFormat costs about 80 times formatting with a built
// one, and it was the largest single function of notification's profile
// under load. A shop prices in a handful of currencies: each is built once.
const currencyFormats = new Map<string, Intl.NumberFormat>();
const CURRENCY_FORMATS_KEPT = 64;

function currencyFormat(currency: string): Intl.NumberFormat {
  let format = currencyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency });
    if (currencyFormats.size >= CURRENCY_FORMATS_KEPT) currencyFormats.clear();
    currencyFormats.set(currency, format);
  }
  return format;
}

/** An instant for people, always in UTC: "11 November 2026 at 00:15 UTC". */
export function formatUtc(instant: string): string {
  const date = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} at ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

const REASON_WORDS: Record<CancellationReason, string> = {
  "payment-declined": "your bank declined the payment",
  "payment-deadline-passed": "we could not complete your payment in time — you have not been charged",
  "cancelled-by-customer": "you cancelled it",
  "stock-hold-expired":
    "your payment went through, but too late to keep your items, which sold out in the meantime. We're sorry. We are refunding your payment in full and will tell you when it is done",
};

export const texts = {
  orderReceived: (orderId: string, totalCents: number, currency: string) => ({
    subject: `We received your order ${shortOrderId(orderId)}`,
    message: `We received your order ${shortOrderId(orderId)} (${formatMoney(totalCents, currency)}). We'll confirm it as soon as your payment goes through.`,
  }),
  paymentDelayed: (orderId: string, deadline: string) => ({
    subject: `Your payment for order ${shortOrderId(orderId)} is delayed`,
    message: `Your bank is slow to answer right now. We're retrying your payment; your items are held for you until ${formatUtc(deadline)}.`,
  }),
  orderConfirmed: (orderId: string) => ({
    subject: `Your order ${shortOrderId(orderId)} is confirmed`,
    message: `Good news: your order ${shortOrderId(orderId)} is confirmed. Your payment went through and we're getting your items ready.`,
  }),
  orderCancelled: (orderId: string, reason: CancellationReason) => ({
    subject: `Your order ${shortOrderId(orderId)} was cancelled`,
    message: `Your order ${shortOrderId(orderId)} was cancelled: ${REASON_WORDS[reason]}.`,
  }),
  paymentRefunded: (orderId: string, amountCents: number, currency: string) => ({
    subject: `We refunded ${formatMoney(amountCents, currency)} for order ${shortOrderId(orderId)}`,
    message: `We're sorry: your bank took ${formatMoney(amountCents, currency)} for order ${shortOrderId(orderId)}, which was cancelled. We have refunded it in full; depending on your bank it can take a few days to show on your statement.`,
  }),
  orderRejected: (orderId: string, skus: readonly string[]) => ({
    subject: `We could not accept your order ${shortOrderId(orderId)}`,
    message: `We could not accept your order ${shortOrderId(orderId)}: some items sold out before we could reserve them: ${skus.join(", ")}. You have not been charged.`,
  }),
  /** The words are the operator's own; only the subject is ours. */
  incidentApology: (message: string) => ({
    subject: "About the payment trouble you ran into",
    message,
  }),
  paymentRecovered: (orderIds: readonly string[]) => {
    const orders = orderIds.map(shortOrderId);
    const which =
      orders.length === 1
        ? `your payment for order ${orders[0]} is`
        : `your payments for orders ${orders.join(", ")} are`;
    return {
      subject:
        orders.length === 1
          ? `Your payment for order ${orders[0]} is going through`
          : "Your payments are going through",
      message: `Sorry for the wait: our bank is answering again, and ${which} going through now.`,
    };
  },
};

/** What the public status page says in each state. */
export const statusTexts = {
  operational: "Payments are working normally.",
  degraded:
    "Payments are recovering: our bank is answering again and we are catching up on delayed payments.",
  outage:
    "Payments are delayed: our bank is not answering. Your orders are safe and your items are held; we retry payments automatically.",
  incident:
    "Our bank stopped answering payment requests. Orders are still accepted; their payments are delayed and retried automatically until the bank recovers.",
  resolved:
    "Payments recovered: the bank has answered normally for a while, and the delayed payments are going through.",
};

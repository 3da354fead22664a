/** What the order page needs of an order (the public API's Order). */
export interface OrderFacts {
  status: "PLACED" | "STOCK_RESERVED" | "PAYMENT_PENDING" | "CONFIRMED" | "REJECTED" | "CANCELLED";
  payment: { status: string; attempts: number; lastError?: string };
  history: { status: string; at: string; reason?: string }[];
}

export type StepState = "done" | "current" | "waiting" | "failed";

export interface Step {
  key: "received" | "stock" | "payment" | "outcome";
  label: string;
  state: StepState;
  /** A sentence for the shopper, when there is more to say than the label. */
  detail?: string;
}

/** The step in progress while an order is in each open status (1 received, 2 stock, 3 payment). */
const STEP_IN_PROGRESS = { PLACED: 2, STOCK_RESERVED: 3, PAYMENT_PENDING: 3 } as const;

/**
 * The order's progress as the shopper's stepper shows it: received, stock
 * held, payment, outcome. A payment the bank is slow to take is "delayed",
 * said in plain words, never hidden behind a spinner.
 */
export function orderSteps(order: OrderFacts): Step[] {
  const final = finalStep(order);
  const inProgress = final ? 5 : STEP_IN_PROGRESS[order.status as keyof typeof STEP_IN_PROGRESS];
  const stockFailed = order.status === "REJECTED";
  const stateAt = (position: number): StepState =>
    position < inProgress ? "done" : position === inProgress ? "current" : "waiting";
  return [
    { key: "received", label: "Order received", state: "done" },
    {
      key: "stock",
      label: "Items held for you",
      state: stockFailed ? "failed" : stateAt(2),
    },
    paymentStep(order, stockFailed ? "waiting" : stateAt(3)),
    final ?? { key: "outcome", label: "Confirmed", state: "waiting" },
  ];
}

function paymentStep(order: OrderFacts, state: StepState): Step {
  const { payment } = order;
  if (payment.status === "captured" || order.status === "CONFIRMED")
    return { key: "payment", label: "Payment received", state: "done" };
  if (payment.status === "refunded" || payment.status === "refund-requested")
    return {
      key: "payment",
      label: "Payment refunded",
      state: "done",
      detail: "The money is on its way back to you.",
    };
  if (order.status === "CANCELLED" && payment.status !== "declined")
    return { key: "payment", label: "No payment taken", state: "failed" };
  if (payment.status === "declined")
    return {
      key: "payment",
      label: "Payment declined",
      state: "failed",
      detail: "Your bank declined the payment.",
    };
  if (payment.status === "delayed" && state === "current")
    return {
      key: "payment",
      label: "Payment delayed",
      state,
      detail:
        "Our bank is slow to answer right now. Your items stay held and we keep trying; " +
        `you will not be charged twice.${payment.lastError ? ` (Last answer: ${payment.lastError}.)` : ""}`,
    };
  return { key: "payment", label: state === "current" ? "Waiting for payment" : "Payment", state };
}

function finalStep(order: OrderFacts): Step | undefined {
  const reason = [...order.history].reverse().find((entry) => entry.status === order.status)?.reason;
  switch (order.status) {
    case "CONFIRMED":
      return { key: "outcome", label: "Confirmed", state: "done", detail: "Paid and on its way to packing." };
    case "CANCELLED":
      return {
        key: "outcome",
        label: "Cancelled",
        state: "failed",
        detail: reason ?? "The order was cancelled.",
      };
    case "REJECTED":
      return {
        key: "outcome",
        label: "Not placed",
        state: "failed",
        detail: reason ?? "The items were sold out.",
      };
    default:
      return undefined;
  }
}

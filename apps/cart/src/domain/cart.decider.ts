import type { Decider } from "@peakshop/eventsourcing";
import type { AddItem, CartCommand, ChangeQuantity, Checkout, RemoveItem } from "./cart.commands";
import {
  currencyMismatch,
  emptyCartCheckout,
  idempotencyKeyReused,
  itemNotInCart,
  nothingToPay,
  priceMissing,
  quantityOutOfRange,
  tooManyLines,
} from "./cart.errors";
import type { CartEvent } from "./cart.events";
import {
  emptyCart,
  lineOf,
  MAX_LINE_QUANTITY,
  MAX_LINES,
  totalCentsOf,
  type CartLine,
  type CartState,
} from "./cart.state";

function assertQuantity(sku: string, quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    throw quantityOutOfRange(sku, quantity, MAX_LINE_QUANTITY);
  }
}

function addItem(command: AddItem, state: CartState): CartEvent[] {
  assertQuantity(command.sku, command.quantity);
  const line = lineOf(state, command.sku);
  if (line) assertQuantity(command.sku, line.quantity + command.quantity);
  if (state.status === "open") {
    if (command.currency !== state.currency) {
      throw currencyMismatch(command.sku, state.currency, command.currency);
    }
    if (!line && state.lines.length >= MAX_LINES) throw tooManyLines(MAX_LINES);
  }
  const { type: _, ...item } = command;
  return [{ type: "ItemAdded", ...item }];
}

function changeQuantity(command: ChangeQuantity, state: CartState): CartEvent[] {
  const line = lineOf(state, command.sku);
  // Setting an absent line to 0 already holds: nothing to do, like a repeated DELETE.
  if (command.quantity === 0) return line ? [{ type: "ItemRemoved", sku: command.sku }] : [];
  assertQuantity(command.sku, command.quantity);
  if (!line) throw itemNotInCart(command.sku);
  if (line.quantity === command.quantity) return [];
  return [{ type: "QuantityChanged", sku: command.sku, quantity: command.quantity }];
}

function removeItem(command: RemoveItem, state: CartState): CartEvent[] {
  return lineOf(state, command.sku) ? [{ type: "ItemRemoved", sku: command.sku }] : [];
}

function checkout(command: Checkout, state: CartState): CartEvent[] {
  // A used key is answered before anything else: the cart it emptied is gone by now.
  const previous = state.checkouts[command.idempotencyKey];
  if (previous) {
    if (previous.paymentToken !== command.paymentToken) throw idempotencyKeyReused(command.idempotencyKey);
    return [];
  }
  if (state.status === "empty") throw emptyCartCheckout();
  const lines = state.lines.map((line): CartLine => {
    const price = command.prices[line.sku];
    if (!price) throw priceMissing(line.sku);
    if (price.currency !== state.currency) throw currencyMismatch(line.sku, state.currency, price.currency);
    return { ...line, name: price.name, unitPriceCents: price.unitPriceCents };
  });
  const totalCents = totalCentsOf(lines);
  if (totalCents <= 0) throw nothingToPay();
  return [
    {
      type: "CheckedOut",
      orderId: command.orderId,
      idempotencyKey: command.idempotencyKey,
      paymentToken: command.paymentToken,
      lines,
      totalCents,
      currency: state.currency,
      requestedAt: command.at,
    },
  ];
}

function decide(command: CartCommand, state: CartState): CartEvent[] {
  switch (command.type) {
    case "AddItem":
      return addItem(command, state);
    case "ChangeQuantity":
      return changeQuantity(command, state);
    case "RemoveItem":
      return removeItem(command, state);
    case "Checkout":
      return checkout(command, state);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

function withLines(state: CartState, lines: readonly CartLine[], currency: string): CartState {
  return lines.length === 0
    ? { status: "empty", checkouts: state.checkouts }
    : { status: "open", checkouts: state.checkouts, lines, currency };
}

function evolve(state: CartState, event: CartEvent): CartState {
  const lines = state.status === "open" ? state.lines : [];
  const currency = state.status === "open" ? state.currency : "";
  switch (event.type) {
    case "ItemAdded": {
      const { sku, name, quantity, unitPriceCents } = event;
      const existing = lines.find((line) => line.sku === sku);
      const next = existing
        ? lines.map((line) =>
            line.sku === sku ? { sku, name, unitPriceCents, quantity: line.quantity + quantity } : line,
          )
        : [...lines, { sku, name, quantity, unitPriceCents }];
      return withLines(state, next, event.currency);
    }
    case "QuantityChanged":
      return withLines(
        state,
        lines.map((line) => (line.sku === event.sku ? { ...line, quantity: event.quantity } : line)),
        currency,
      );
    case "ItemRemoved":
      return withLines(
        state,
        lines.filter((line) => line.sku !== event.sku),
        currency,
      );
    case "CheckedOut":
      return {
        status: "empty",
        checkouts: {
          ...state.checkouts,
          [event.idempotencyKey]: { orderId: event.orderId, paymentToken: event.paymentToken },
        },
      };
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** The cart aggregate: pure decide/evolve over one customer's stream. */
export const cartDecider: Decider<CartCommand, CartEvent, CartState> = {
  decide,
  evolve,
  initialState: emptyCart,
};

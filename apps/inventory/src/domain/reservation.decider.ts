import type { Decider } from "@peakshop/eventsourcing";
import type { ReservationCommand } from "./reservation.commands";
import { CommitOfReleasedHold, ShortageNotRequested } from "./reservation.errors";
import type { ReservationEvent } from "./reservation.events";
import { noReservation, type Reservation } from "./reservation.state";
import type { ShortLine, StockLine } from "./stock-line";

/**
 * Decides what a command does to one order's reservation. Every rule that makes
 * the commands idempotent lives here: the first ReserveStock's outcome stands,
 * releasing or committing twice changes nothing, and only a due hold expires.
 * Every CommitStock is answered (committed or refused), because the saga waits
 * for the answer before it confirms the order.
 */
export function decide(command: ReservationCommand, state: Reservation): ReservationEvent[] {
  switch (command.type) {
    case "ReserveStock":
      return reserve(command, state);
    case "ReleaseStock":
      return state.status === "held"
        ? [released(command.orderId, state.lines, command.reason, command.at)]
        : [];
    case "CommitStock":
      return commit(command, state);
    case "ExpireHold":
      return state.status === "held" && state.holdUntil.getTime() <= command.at.getTime()
        ? [released(command.orderId, state.lines, "hold-expired", command.at)]
        : [];
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

/** Total: folds any event into any state. */
export function evolve(state: Reservation, event: ReservationEvent): Reservation {
  switch (event.type) {
    case "StockReserved":
      return { status: "held", lines: event.lines, holdUntil: event.holdUntil };
    case "StockRejected":
      return { status: "rejected", unavailable: event.unavailable };
    case "StockReleased":
      return { status: "released", lines: event.lines, reason: event.reason };
    case "StockCommitted":
      return { status: "committed", lines: event.lines };
    case "StockCommitRefused":
      // Nothing was sold: the reservation stays as it was.
      return state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

export const reservationDecider: Decider<ReservationCommand, ReservationEvent, Reservation> = {
  decide,
  evolve,
  initialState: noReservation,
};

function reserve(
  command: Extract<ReservationCommand, { type: "ReserveStock" }>,
  state: Reservation,
): ReservationEvent[] {
  // The first outcome stands: a repeated ReserveStock answers nothing new.
  if (state.status !== "none") return [];
  for (const short of command.shortages) assertShortOf(command.orderId, command.lines, short);
  // All or nothing: one short line rejects the whole order.
  if (command.shortages.length > 0) {
    return [
      {
        type: "StockRejected",
        orderId: command.orderId,
        unavailable: command.shortages,
        rejectedAt: command.at,
      },
    ];
  }
  return [
    {
      type: "StockReserved",
      orderId: command.orderId,
      lines: command.lines,
      holdUntil: command.holdUntil,
      reservedAt: command.at,
    },
  ];
}

function commit(
  command: Extract<ReservationCommand, { type: "CommitStock" }>,
  state: Reservation,
): ReservationEvent[] {
  const { orderId, at } = command;
  switch (state.status) {
    case "held":
      // Even past holdUntil: until the sweeper releases it the stock is still
      // held, so selling it cannot oversell.
      return [{ type: "StockCommitted", orderId, lines: state.lines, committedAt: at }];
    case "committed":
      return [];
    case "released": {
      // The commit came after the hold was given back (the command topic lagged
      // past the hold's margin): the payment went through, so the order may
      // still have its items if they are all on sale again. Otherwise it is
      // refused, and the saga refunds the payment and tells the customer.
      const shortages = command.retakeShortages;
      if (shortages === undefined) throw new CommitOfReleasedHold(orderId, state.reason);
      for (const short of shortages) assertShortOf(orderId, state.lines, short);
      return shortages.length === 0
        ? [{ type: "StockCommitted", orderId, lines: state.lines, committedAt: at }]
        : [
            {
              type: "StockCommitRefused",
              orderId,
              reason: "hold-released",
              unavailable: shortages,
              refusedAt: at,
            },
          ];
    }
    case "none":
    case "rejected":
      // The saga only commits after a hold; answer all the same, so it never waits forever.
      return [
        { type: "StockCommitRefused", orderId, reason: "nothing-held", unavailable: [], refusedAt: at },
      ];
    default: {
      const _exhaustive: never = state;
      return _exhaustive;
    }
  }
}

function released(
  orderId: string,
  lines: readonly StockLine[],
  reason: Extract<ReservationEvent, { type: "StockReleased" }>["reason"],
  now: Date,
): ReservationEvent {
  return { type: "StockReleased", orderId, lines, reason, releasedAt: now };
}

function assertShortOf(orderId: string, lines: readonly StockLine[], short: ShortLine): void {
  const line = lines.find((candidate) => candidate.sku === short.sku);
  if (
    !line ||
    line.quantity !== short.requested ||
    short.available >= short.requested ||
    short.available < 0
  ) {
    throw new ShortageNotRequested(orderId, short.sku);
  }
}

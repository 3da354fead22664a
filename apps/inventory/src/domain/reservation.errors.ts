import type { ReleaseReason } from "./stock-line";

/** A command the reservation cannot honour; nothing changes. */
export abstract class ReservationError extends Error {
  constructor(
    readonly orderId: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * CommitStock for a hold that was already given back (expired or cancelled):
 * its items may be sold to someone else by now, so they cannot become this
 * order's sale.
 */
export class CommitOfReleasedHold extends ReservationError {
  constructor(
    orderId: string,
    readonly reason: ReleaseReason,
  ) {
    super(orderId, `order ${orderId}: cannot commit a hold already released (${reason})`);
  }
}

/** CommitStock for an order that holds nothing: never reserved, or rejected. */
export class CommitWithoutHold extends ReservationError {
  constructor(
    orderId: string,
    readonly status: "none" | "rejected",
  ) {
    super(
      orderId,
      status === "none"
        ? `order ${orderId}: nothing was reserved, nothing to commit`
        : `order ${orderId}: the reservation was rejected, nothing to commit`,
    );
  }
}

/** A shortage that does not match a requested line: a bug in whoever took the stock. */
export class ShortageNotRequested extends ReservationError {
  constructor(orderId: string, sku: string) {
    super(orderId, `order ${orderId}: shortage reported for ${sku}, which is not short or not requested`);
  }
}

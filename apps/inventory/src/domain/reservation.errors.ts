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
 * CommitStock for a hold that was already given back, decided without first
 * trying to take its items again: a bug in the caller, which must try.
 */
export class CommitOfReleasedHold extends ReservationError {
  constructor(
    orderId: string,
    readonly reason: ReleaseReason,
  ) {
    super(orderId, `order ${orderId}: hold already released (${reason}); retake its items before committing`);
  }
}

/** A shortage that does not match a requested line: a bug in whoever took the stock. */
export class ShortageNotRequested extends ReservationError {
  constructor(orderId: string, sku: string) {
    super(orderId, `order ${orderId}: shortage reported for ${sku}, which is not short or not requested`);
  }
}

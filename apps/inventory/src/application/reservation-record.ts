import { noReservation, type Reservation } from "../domain/reservation.state";
import type { ReservationRecord } from "./inventory-store.port";

/** The domain state a row stands for (none without a row). */
export function stateOf(record: ReservationRecord | undefined): Reservation {
  if (!record) return noReservation;
  switch (record.status) {
    case "held":
      return { status: "held", lines: record.lines, holdUntil: record.holdUntil };
    case "rejected":
      return { status: "rejected", unavailable: record.unavailable ?? [] };
    case "committed":
      return { status: "committed", lines: record.lines };
    case "released":
      return { status: "released", lines: record.lines, reason: record.releaseReason ?? "hold-expired" };
  }
}

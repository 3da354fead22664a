import {
  StockCommitRefusedV1,
  StockCommittedV1,
  StockRejectedV1,
  StockReleasedV1,
  StockReservedV1,
  recordOf,
  type AnyMessageDefinition,
  type Causation,
  type KafkaRecord,
  type MessageDataOf,
} from "@peakshop/contracts";
import { randomUUID } from "node:crypto";
import type { ReservationEvent } from "../domain/reservation.events";

export interface OutgoingStockEvent {
  /** The message id (ce_id), recorded as the reservation's last message. */
  id: string;
  record: KafkaRecord;
}

/**
 * The integration event for a reservation event, as a record for the outbox.
 * Inventory's state is a table, not an event stream; `reservation-<orderId>`
 * at the reservation's version stands in as the stream, so consumers can order
 * and deduplicate by it all the same.
 */
export function stockEventRecord(
  event: ReservationEvent,
  version: number,
  cause: Causation,
): OutgoingStockEvent {
  switch (event.type) {
    case "StockReserved":
      return build(StockReservedV1, event.orderId, version, cause, event.reservedAt, {
        orderId: event.orderId,
        items: event.lines.map(({ sku, quantity }) => ({ sku, quantity })),
        holdUntil: event.holdUntil.toISOString(),
        reservedAt: event.reservedAt.toISOString(),
      });
    case "StockRejected":
      return build(StockRejectedV1, event.orderId, version, cause, event.rejectedAt, {
        orderId: event.orderId,
        unavailable: event.unavailable.map(({ sku, requested, available }) => ({
          sku,
          requested,
          available,
        })),
        rejectedAt: event.rejectedAt.toISOString(),
      });
    case "StockReleased":
      return build(StockReleasedV1, event.orderId, version, cause, event.releasedAt, {
        orderId: event.orderId,
        reason: event.reason,
        releasedAt: event.releasedAt.toISOString(),
      });
    case "StockCommitted":
      return build(StockCommittedV1, event.orderId, version, cause, event.committedAt, {
        orderId: event.orderId,
        committedAt: event.committedAt.toISOString(),
      });
    case "StockCommitRefused":
      return build(StockCommitRefusedV1, event.orderId, version, cause, event.refusedAt, {
        orderId: event.orderId,
        reason: event.reason,
        unavailable: event.unavailable.map(({ sku, requested, available }) => ({
          sku,
          requested,
          available,
        })),
        refusedAt: event.refusedAt.toISOString(),
      });
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

function build<D extends AnyMessageDefinition>(
  definition: D,
  orderId: string,
  version: number,
  cause: Causation,
  time: Date,
  data: MessageDataOf<D>,
): OutgoingStockEvent {
  const id = randomUUID();
  const record = recordOf(definition, data, {
    id,
    source: "peakshop/inventory",
    streamId: `reservation-${orderId}`,
    streamVersion: version,
    // The cause is often the whole request (it extends Causation): take only its ids.
    correlationId: cause.correlationId,
    causationId: cause.causationId,
    time: time.toISOString(),
  });
  return { id, record };
}

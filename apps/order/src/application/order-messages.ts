import { recordOf } from "@peakshop/contracts";
import type { CommandResult, OutboxMessage } from "@peakshop/eventsourcing";
import { checkoutSaga } from "../domain/checkout-saga";
import type { OrderEvent } from "../domain/order.events";
import type { OrderState } from "../domain/order.state";

/**
 * The saga's messages for one decision (checkoutSaga.react), as outbox rows
 * written in the same statement as the events: each in an envelope naming
 * the event it follows from.
 */
export function orderMessages(
  result: CommandResult<OrderEvent, OrderState>,
  streamId: string,
  causationId: string,
): OutboxMessage[] {
  const order = result.state;
  if (order.status === "none") return [];
  return result.events.flatMap((event, index) =>
    checkoutSaga.react(event, order).map(({ definition, data, at }) =>
      recordOf(definition, data, {
        source: "peakshop/order",
        streamId,
        streamVersion: result.firstVersion + index,
        correlationId: order.correlationId,
        causationId,
        time: at,
      }),
    ),
  );
}

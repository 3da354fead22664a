import {
  fromKafkaRecord,
  StockReservedV1,
  toKafkaRecord,
  type AnyMessageDefinition,
  type Envelope,
  type IntegrationEnvelope,
  type KafkaRecord,
  type MessageDataOf,
} from "@peakshop/contracts";
import { readTopic, readTopicToEnd, type ReadRecord } from "@peakshop/platform-nest";
import { randomUUID } from "node:crypto";

/** A command as the order saga would send it, with a fresh message id. */
export function commandRecord<D extends AnyMessageDefinition>(
  definition: D,
  data: MessageDataOf<D> & { orderId: string },
): KafkaRecord {
  const envelope = {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    source: "peakshop/order",
    streamId: `order-${data.orderId}`,
    streamVersion: 1,
    correlationId: data.orderId,
    causationId: randomUUID(),
    time: new Date().toISOString(),
    data,
  } as Envelope<MessageDataOf<D>, D["type"]>;
  return toKafkaRecord(definition, envelope);
}

const decode = (records: ReadRecord[]): IntegrationEnvelope[] =>
  records.map((record) => fromKafkaRecord(record.headers, record.value));

const ofOrder = (orderId: string) => (envelope: IntegrationEnvelope) =>
  (envelope.data as { orderId?: string }).orderId === orderId;

/** Reads inventory's events for one order until `count` have arrived. */
export async function stockEventsOf(
  brokers: string[],
  orderId: string,
  count: number,
): Promise<IntegrationEnvelope[]> {
  const records = await readTopic(
    brokers,
    StockReservedV1.topic,
    (read) => decode(read).filter(ofOrder(orderId)).length >= count,
    60_000,
  );
  const events = decode(records).filter(ofOrder(orderId));
  if (events.length < count)
    throw new Error(`only ${events.length} of ${count} events for ${orderId} arrived`);
  return events;
}

/** Every event published so far for the order (call once the outbox is empty). */
export async function allStockEventsOf(brokers: string[], orderId: string): Promise<IntegrationEnvelope[]> {
  return decode(await readTopicToEnd(brokers, StockReservedV1.topic)).filter(ofOrder(orderId));
}

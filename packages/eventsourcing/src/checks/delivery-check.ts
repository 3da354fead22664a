/** One message as the checker sees it: its key and its place in that key's sequence. */
export interface Delivery {
  key: string;
  sequence: number;
}

export interface DeliveryReport {
  expected: number;
  received: number;
  lost: number;
  duplicated: number;
  reordered: number;
}

/**
 * Compares what was sent with what arrived. A message is lost if it never
 * arrives, duplicated if it arrives again, and reordered if it arrives after a
 * later message of the same key arrived for the first time.
 */
export function checkDeliveries(sent: readonly Delivery[], arrived: readonly Delivery[]): DeliveryReport {
  const expected = new Set(sent.map(id));
  const seen = new Set<string>();
  const highest = new Map<string, number>();
  let duplicated = 0;
  let reordered = 0;
  for (const delivery of arrived) {
    const deliveryId = id(delivery);
    if (seen.has(deliveryId)) {
      duplicated += 1;
      continue;
    }
    seen.add(deliveryId);
    const top = highest.get(delivery.key) ?? Number.NEGATIVE_INFINITY;
    if (delivery.sequence < top) reordered += 1;
    else highest.set(delivery.key, delivery.sequence);
  }
  const lost = [...expected].filter((deliveryId) => !seen.has(deliveryId)).length;
  return { expected: expected.size, received: arrived.length, lost, duplicated, reordered };
}

const id = (delivery: Delivery) => `${delivery.key}\u0000${delivery.sequence}`;

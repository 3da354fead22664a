import { CheckoutRequestedV1 } from "@peakshop/contracts";
import { KafkajsAdapter } from "@peakshop/platform-nest";
import { randomUUID } from "node:crypto";

/**
 * Puts a message no consumer can read (not JSON) on the topic the order saga
 * consumes, as a broken producer would; returns its message id (`ce_id`), by
 * which its dead letter is found.
 */
export async function publishPoisonMessage(
  brokers: string[],
  topic = CheckoutRequestedV1.topic,
): Promise<string> {
  const messageId = randomUUID();
  const kafka = new KafkajsAdapter({ brokers, clientId: "poison-test", service: "test", logLevel: "warn" });
  try {
    await kafka.publish([{ topic, key: "poison", value: "{not json", headers: { ce_id: messageId } }]);
  } finally {
    await kafka.close();
  }
  return messageId;
}

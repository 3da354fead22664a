import type { z } from "zod";
import { createMessageRegistry } from "../message/message-registry";
import {
  currentMessages,
  supersededMessages,
  upcasters,
  type LatestDefinition,
  type MessageType,
} from "./checkout-flow.catalog";

/** Every version of every checkout-flow message; the Kafka mapping reads wire data through it. */
export const messageRegistry = createMessageRegistry([...supersededMessages, ...currentMessages], upcasters);

// A current message that is not the newest version of its type would make producers send stale data.
for (const definition of currentMessages) {
  if (messageRegistry.latest(definition.type) !== definition) {
    throw new Error(`${definition.type} v${definition.version} is listed as current but is not the latest`);
  }
}

/** The latest definition of `type`. */
export function latest<T extends MessageType>(type: T): LatestDefinition<T> {
  // The registry holds exactly the catalog's definitions, and the loop above proved the latest of
  // `type` is the catalog's current one, which is what LatestDefinition<T> names.
  return messageRegistry.latest(type) as LatestDefinition<T>;
}

/**
 * Validates `data` as version `version` of `type`, upcasts it to the latest version and
 * validates it again. Throws ContractViolation when the version is unknown or data invalid.
 */
export function upcast<T extends MessageType>(
  type: T,
  version: number,
  data: unknown,
): z.output<LatestDefinition<T>["schema"]> {
  // Same reasoning as in latest(): the result was just validated by LatestDefinition<T>'s schema.
  return messageRegistry.upcast(type, version, data).data as z.output<LatestDefinition<T>["schema"]>;
}

import { z } from "zod";

/**
 * The walking skeleton's event: proves one fact travels from a service's
 * database through Kafka into another service. Replaced by the checkout flow's
 * events as they arrive.
 */
export const SkeletonEventRecordedV1 = {
  type: "peakshop.skeleton.event-recorded",
  version: 1,
  topic: "order.skeleton.events.v1",
  schema: z
    .object({
      /** Unique id of this event (UUID); consumers deduplicate on it. */
      eventId: z.uuid(),
      /** Free text carried end to end, at most 500 characters. */
      message: z.string().min(1).max(500),
      /** When the producing service recorded it (RFC 3339, UTC). */
      recordedAt: z.iso.datetime(),
    })
    .strict(),
} as const;

export type SkeletonEventRecorded = z.infer<typeof SkeletonEventRecordedV1.schema>;

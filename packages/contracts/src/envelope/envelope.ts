import { z } from "zod";
import type { AnyMessageDefinition, MessageDataOf } from "../message/message-definition";

/** Ids carried in Kafka headers: visible ASCII only, so every client and log reads them alike. */
const HeaderSafeId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, "visible ASCII only");

/**
 * W3C trace context `traceparent`, version 00: `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`,
 * with neither id all zeros (the spec calls those invalid).
 */
export const TraceParent = z.string().regex(/^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/);

/** The metadata of every message; on Kafka it travels in CloudEvents headers, the data in the value. */
export const EnvelopeMetadata = z.strictObject({
  /** Message id (UUID), unique per message; consumers record it to ignore redeliveries (I5). `ce_id`. */
  id: z.uuid(),
  /** The message type, e.g. `peakshop.order.order-placed`. `ce_type`. */
  type: z.string().regex(/^peakshop\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/),
  /** Schema version of `data`, >= 1. `ce_schemaversion`. */
  version: z.number().int().min(1),
  /** The producing service as `peakshop/<context>`, e.g. `peakshop/order`. `ce_source`. */
  source: z.string().regex(/^peakshop\/[a-z][a-z0-9-]*$/),
  /** The event-store stream the message was appended to (for commands: the sender's, e.g. the saga's). `ce_subject`. */
  streamId: HeaderSafeId,
  /** Version of `streamId` after appending this message, >= 0; orders a stream's messages. `ce_streamversion`. */
  streamVersion: z.number().int().min(0),
  /** Id shared by every message caused by one checkout request, for logs and traces. `ce_correlationid`. */
  correlationId: HeaderSafeId,
  /** Id of the message or request that directly caused this one. `ce_causationid`. */
  causationId: HeaderSafeId,
  /** When the fact happened or the command was issued (RFC 3339, UTC). `ce_time`. */
  time: z.iso.datetime(),
  /** W3C trace context of the producing span, when traced. `traceparent`. */
  traceparent: TraceParent.optional(),
});

export type EnvelopeMetadata = z.output<typeof EnvelopeMetadata>;

/** One message with its metadata: what producers hand to the outbox and consumers receive. */
export interface Envelope<TData, TType extends string = string> extends EnvelopeMetadata {
  readonly type: TType;
  readonly data: TData;
}

/** The envelope of one message definition, e.g. `EnvelopeOf<typeof OrderPlacedV1>`. */
export type EnvelopeOf<D extends AnyMessageDefinition> = D extends AnyMessageDefinition
  ? Envelope<MessageDataOf<D>, D["type"]>
  : never;

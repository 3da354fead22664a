import type { z } from "zod";

/** Events are facts (past tense); commands ask one context to act (imperative). */
export type MessageKind = "event" | "command";

/** The bounded contexts that produce integration messages; each is one service in apps/. */
export type BoundedContext = "cart" | "order" | "inventory" | "payment" | "notification";

/**
 * `<context>.<aggregate>.<kind>.v<major>`. The major only changes when a topic has to be
 * replaced; additive schema changes are new message versions on the same topic.
 */
export type TopicName<TKind extends MessageKind = MessageKind> = `${string}.${string}.${TKind}s.v${number}`;

/** Every payload is a strict object, so a producer's misspelt field fails loudly instead of vanishing. */
export type StrictObjectSchema = z.ZodObject<z.core.$ZodShape, z.core.$strict>;

/** Names of the required string fields of `T`: the only fields that can serve as a Kafka key. */
export type StringFieldOf<T> = {
  [K in keyof T]-?: T[K] extends string ? K : never;
}[keyof T] &
  string;

export interface MessageSpec<
  TKind extends MessageKind,
  TType extends string,
  TVersion extends number,
  TSchema extends StrictObjectSchema,
  TKeyField extends string,
> {
  readonly kind: TKind;
  /** Namespaced and stable across versions, e.g. `peakshop.order.order-placed`; sent as `ce_type`. */
  readonly type: TType;
  /** Schema version of `data`, starting at 1; sent as `ce_schemaversion`. */
  readonly version: TVersion;
  readonly topic: TopicName<TKind>;
  /** The context whose service sends this message (commands are sent to another context's topic). */
  readonly producer: BoundedContext;
  /** The data field whose value is the Kafka key, so one aggregate's messages stay in order. */
  readonly keyField: TKeyField;
  readonly schema: TSchema;
  /** One or two sentences for people: when it is sent and what a consumer may rely on. */
  readonly description: string;
}

export interface MessageDefinition<
  TKind extends MessageKind = MessageKind,
  TType extends string = string,
  TVersion extends number = number,
  TSchema extends StrictObjectSchema = StrictObjectSchema,
  TKeyField extends string = string,
> extends MessageSpec<TKind, TType, TVersion, TSchema, TKeyField> {
  /**
   * The Kafka record key for `data` (the value of `keyField`). Method syntax on purpose: it
   * keeps a specific definition assignable to `AnyMessageDefinition`.
   */
  key(data: z.output<TSchema>): string;
}

export type AnyMessageDefinition = MessageDefinition;

/** The validated data type of one definition, e.g. `MessageDataOf<typeof PaymentDeclinedV1>`. */
export type MessageDataOf<D extends AnyMessageDefinition> = z.output<D["schema"]>;

const TYPE_PATTERN = /^peakshop\.([a-z][a-z0-9-]*)\.[a-z][a-z0-9-]*$/;
const TOPIC_PATTERN = /^([a-z][a-z0-9-]*)\.[a-z][a-z0-9-]*\.(events|commands)\.v[1-9][0-9]*$/;

/**
 * Defines one version of one integration message and freezes it. Naming rules are checked
 * here, at module load, so a malformed contract fails every test rather than a deployment.
 */
export function defineMessage<
  const TKind extends MessageKind,
  const TType extends string,
  const TVersion extends number,
  TSchema extends StrictObjectSchema,
  const TKeyField extends StringFieldOf<z.output<TSchema>>,
>(
  spec: MessageSpec<TKind, TType, TVersion, TSchema, TKeyField>,
): MessageDefinition<TKind, TType, TVersion, TSchema, TKeyField> {
  assertWellFormed(spec);
  const { keyField } = spec;
  return Object.freeze({
    ...spec,
    key(data: z.output<TSchema>): string {
      // The StringFieldOf constraint guarantees a string here; the index type cannot show it.
      return data[keyField] as string;
    },
  });
}

function assertWellFormed(spec: MessageSpec<MessageKind, string, number, StrictObjectSchema, string>): void {
  const problem = describeProblem(spec);
  if (problem !== undefined) {
    throw new Error(`Malformed message definition ${spec.type} v${spec.version}: ${problem}`);
  }
}

function describeProblem(spec: MessageSpec<MessageKind, string, number, StrictObjectSchema, string>) {
  const typeMatch = TYPE_PATTERN.exec(spec.type);
  const topicMatch = TOPIC_PATTERN.exec(spec.topic);
  if (!typeMatch) return `type must look like peakshop.<context>.<kebab-name>`;
  if (!topicMatch) {
    return `topic ${spec.topic} must look like <context>.<aggregate>.<events|commands>.v<major>`;
  }
  if (typeMatch[1] !== topicMatch[1]) return `type and topic ${spec.topic} must name the same context`;
  if (topicMatch[2] !== `${spec.kind}s`) {
    return `${spec.kind} messages belong on a topic named *.${spec.kind}s.v<major>, not ${spec.topic}`;
  }
  if (!Number.isInteger(spec.version) || spec.version < 1) return "version must be an integer >= 1";
  if (!(spec.keyField in spec.schema.shape)) return `key field ${spec.keyField} is not in the schema`;
  if (spec.schema.def.catchall?._zod.def.type !== "never") return "schema must be a strict object";
  return undefined;
}

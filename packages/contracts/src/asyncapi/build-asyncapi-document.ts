import { z } from "zod";
import { currentMessages, supersededMessages } from "../catalog/checkout-flow.catalog";
import type { AnyMessageDefinition } from "../message/message-definition";
import { cloudEventsHeadersSchema, headersOf, type JsonSchema } from "./cloudevents-headers.json-schema";

const KAFKA_BINDING_VERSION = "0.5.0";
const HEADERS_REF = "#/components/schemas/CloudEventsKafkaHeaders";

/** `peakshop.payment.payment-declined` v2 -> `PaymentDeclinedV2`; AsyncAPI ids allow no dots. */
export function messageIdOf(definition: AnyMessageDefinition): string {
  return `${messageNameOf(definition)}V${definition.version}`;
}

function messageNameOf(definition: AnyMessageDefinition): string {
  return pascal(definition.type.split(".").at(-1) ?? definition.type);
}

/** `payment.bank-gateway.events.v1` -> `paymentBankGatewayEventsV1`. */
export function channelIdOf(topic: string): string {
  const name = pascal(topic.replaceAll(".", "-"));
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function pascal(kebab: string): string {
  return kebab
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/**
 * The AsyncAPI 3.0 document of every checkout-flow topic, generated from the definitions so it
 * cannot drift from them. Channels list every version a consumer may meet; send operations list
 * what producers send today (the latest versions).
 */
export function buildAsyncApiDocument(): JsonSchema {
  const all: readonly AnyMessageDefinition[] = [...currentMessages, ...supersededMessages];
  const topics = [...new Set(currentMessages.map((d) => d.topic))];
  return {
    asyncapi: "3.0.0",
    info: {
      title: "peakshop checkout flow",
      version: "0.1.0",
      description:
        "Integration events and commands of peakshop's checkout flow, generated from @peakshop/contracts. " +
        "Headers follow the CloudEvents Kafka binding (binary mode); amounts are integer minor units.",
    },
    defaultContentType: "application/json",
    channels: Object.fromEntries(topics.map((topic) => [channelIdOf(topic), channelOf(topic, all)])),
    operations: Object.fromEntries(sendOperations()),
    components: {
      schemas: { CloudEventsKafkaHeaders: cloudEventsHeadersSchema() },
      messages: Object.fromEntries(all.map((d) => [messageIdOf(d), messageOf(d)])),
      correlationIds: {
        correlationId: {
          description: "Shared by every message caused by one checkout request.",
          location: "$message.header#/ce_correlationid",
        },
      },
    },
  };
}

function channelOf(topic: string, all: readonly AnyMessageDefinition[]): JsonSchema {
  const onTopic = all.filter((d) => d.topic === topic);
  const keyFields = [...new Set(onTopic.map((d) => d.keyField))].join(", ");
  return {
    address: topic,
    title: topic,
    description: `Kafka key: ${keyFields}. Every version listed may appear; consumers upcast to the latest.`,
    messages: Object.fromEntries(
      onTopic.map((d) => [messageIdOf(d), { $ref: `#/components/messages/${messageIdOf(d)}` }]),
    ),
    bindings: { kafka: { topic, bindingVersion: KAFKA_BINDING_VERSION } },
  };
}

function sendOperations(): [string, JsonSchema][] {
  const byProducerAndTopic = new Map<string, AnyMessageDefinition[]>();
  for (const definition of currentMessages) {
    const id = `${definition.producer}Sends${pascal(channelIdOf(definition.topic))}`;
    byProducerAndTopic.set(id, [...(byProducerAndTopic.get(id) ?? []), definition]);
  }
  return [...byProducerAndTopic].map(([id, definitions]) => {
    const [{ producer, topic }] = definitions as [AnyMessageDefinition];
    const channel = channelIdOf(topic);
    const operation = {
      action: "send",
      title: `${producer} sends to ${topic}`,
      summary: `The ${producer} service publishes these through its outbox.`,
      channel: { $ref: `#/channels/${channel}` },
      messages: definitions.map((d) => ({ $ref: `#/channels/${channel}/messages/${messageIdOf(d)}` })),
    };
    return [id, operation];
  });
}

function messageOf(definition: AnyMessageDefinition): JsonSchema {
  const { $schema: _, ...payload } = z.toJSONSchema(definition.schema, { target: "draft-07" });
  const properties = (payload.properties ?? {}) as Record<string, JsonSchema>;
  const superseded = currentMessages.find((d) => d.type === definition.type && d !== definition);
  return {
    name: messageNameOf(definition),
    title: `${messageNameOf(definition)} v${definition.version}`,
    summary: definition.description,
    contentType: "application/json",
    headers: headersOf(definition, HEADERS_REF),
    payload,
    correlationId: { $ref: "#/components/correlationIds/correlationId" },
    bindings: {
      kafka: {
        key: { ...properties[definition.keyField], description: `The ${definition.keyField} of the data.` },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    "x-peakshop-kind": definition.kind,
    "x-peakshop-type": definition.type,
    "x-peakshop-schema-version": definition.version,
    "x-peakshop-producer": definition.producer,
    ...(superseded === undefined ? {} : { "x-peakshop-superseded-by": messageIdOf(superseded) }),
  };
}

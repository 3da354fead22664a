import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { currentMessages, supersededMessages } from "../catalog/checkout-flow.catalog";
import { buildAsyncApiDocument, channelIdOf, messageIdOf } from "./build-asyncapi-document";

const CHECKED_IN = fileURLToPath(new URL("../../asyncapi.json", import.meta.url));
// `pnpm asyncapi` sets this to regenerate the file instead of comparing with it.
const updating = process.env["UPDATE_ASYNCAPI"] === "1";

interface Document {
  channels: Record<string, { address: string; messages: Record<string, unknown> }>;
  operations: Record<string, { action: string; messages: { $ref: string }[] }>;
  components: { messages: Record<string, { payload: { properties: Record<string, unknown> } }> };
}

describe("AsyncAPI document", () => {
  const document = buildAsyncApiDocument();

  it("matches the checked-in asyncapi.json (run `pnpm asyncapi` to update it)", () => {
    if (updating) writeFileSync(CHECKED_IN, `${JSON.stringify(document, null, 2)}\n`);
    // Compared as data, so formatting by prettier does not matter.
    expect(JSON.parse(readFileSync(CHECKED_IN, "utf8"))).toEqual(document);
  });

  it("has one channel per topic and every version of every message on its channel", () => {
    const { channels, components } = document as unknown as Document;
    for (const definition of [...currentMessages, ...supersededMessages]) {
      const channel = channels[channelIdOf(definition.topic)];
      expect(channel?.address).toBe(definition.topic);
      expect(channel?.messages).toHaveProperty(messageIdOf(definition));
      expect(components.messages[messageIdOf(definition)]?.payload.properties).toHaveProperty(
        definition.keyField,
      );
    }
  });

  it("lets producers send only the latest versions", () => {
    const { operations } = document as unknown as Document;
    const sent = Object.values(operations).flatMap((op) => op.messages.map((m) => m.$ref.split("/").at(-1)));
    expect(sent.sort()).toEqual(currentMessages.map(messageIdOf).sort());
    expect(Object.values(operations).every((op) => op.action === "send")).toBe(true);
  });
});

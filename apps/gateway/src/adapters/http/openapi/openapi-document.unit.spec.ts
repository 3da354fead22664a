import "reflect-metadata";
import { RequestMethod } from "@nestjs/common";
import { METHOD_METADATA, PATH_METADATA } from "@nestjs/common/constants";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PUBLIC_CONTROLLERS } from "../public-controllers";
import { publicApiDocument } from "./public-api.document";

const CHECKED_IN = fileURLToPath(new URL("../../../../openapi.json", import.meta.url));
// `pnpm openapi` sets this to regenerate the file instead of comparing with it.
const updating = process.env["UPDATE_OPENAPI"] === "1";

/** "METHOD /path/{param}" for every route the controllers register. */
function controllerRoutes(): string[] {
  return PUBLIC_CONTROLLERS.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? "");
    const prototype = controller.prototype as unknown as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype)
      .filter(
        (name) => name !== "constructor" && Reflect.hasMetadata(METHOD_METADATA, prototype[name] as object),
      )
      .map((name) => {
        const handler = prototype[name] as object;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const path = [base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? "")]
          .flatMap((part) => part.split("/"))
          .filter((segment) => segment && segment !== "/")
          .map((segment) => segment.replace(/^:(.+)$/, "{$1}"))
          .join("/");
        return `${method} /${path}`;
      });
  }).sort();
}

describe("the OpenAPI document", () => {
  const document = publicApiDocument();

  it("matches the checked-in openapi.json (run `pnpm --filter @peakshop/gateway openapi` to update it)", () => {
    if (updating) writeFileSync(CHECKED_IN, `${JSON.stringify(document, null, 2)}\n`);
    expect(JSON.parse(readFileSync(CHECKED_IN, "utf8"))).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it("describes exactly the routes the controllers serve", () => {
    const documented = Object.entries(document.paths ?? {})
      .flatMap(([path, item]) => Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(controllerRoutes());
  });

  it("gives every operation an id, and every answer a schema", () => {
    for (const item of Object.values(document.paths ?? {})) {
      for (const operation of Object.values(item ?? {}) as { operationId?: string; responses: object }[]) {
        expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
        for (const response of Object.values(operation.responses) as { content?: object }[]) {
          expect(Object.keys(response.content ?? {})).toHaveLength(1);
        }
      }
    }
  });
});

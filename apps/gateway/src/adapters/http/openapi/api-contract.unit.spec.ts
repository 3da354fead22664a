import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { documentedOrderStatuses, documentedRoutes, parseShape, type ShapeField } from "./api-markdown";
import { publicApiDocument } from "./public-api.document";

// docs/API.md is the contract frontend teams code against. This test fails as
// soon as the OpenAPI document (generated from the gateway's code) leaves it:
// a route, a query parameter, a field, its optionality or a status code.
// Additions are welcome (the page says so); changes are not.

const API_MD = fileURLToPath(new URL("../../../../../../docs/API.md", import.meta.url));
// The page is kept in the shared design folder next to the repository, when there is one.
const SHARED_API_MD = fileURLToPath(new URL("../../../../../../../shared/API.md", import.meta.url));
const markdown = readFileSync(API_MD, "utf8");

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: string[];
  anyOf?: Schema[];
}
interface Operation {
  security?: unknown[];
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

const document = publicApiDocument() as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

function resolve(schema: Schema): Schema {
  if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split("/").at(-1)!]!);
  // A nullable field is anyOf [its type, null]: the shape is its non-null branch.
  const branch = schema.anyOf?.find((option) => option.type !== "null");
  return branch ? resolve(branch) : schema;
}

/** Each documented field exists in the schema, required unless marked `?`, nested alike. */
function expectShape(schema: Schema, fields: ShapeField[], where: string): void {
  const object = resolve(schema);
  for (const field of fields) {
    const at = `${where}.${field.name}`;
    const property = object.properties?.[field.name];
    expect(property, `${at} is missing from the OpenAPI document`).toBeDefined();
    expect(object.required?.includes(field.name) ?? false, `${at}: required unless marked ?`).toBe(
      !field.optional,
    );
    let value = resolve(property!);
    if (value.type === "array") value = resolve(value.items!);
    if (field.fields) expectShape(value, field.fields, at);
    if (field.literals) expect(value.enum, `${at} values`).toEqual(field.literals);
  }
}

const jsonSchema = (content: Record<string, { schema: Schema }> | undefined): Schema =>
  Object.values(content ?? {})[0]!.schema;

describe("docs/API.md and the OpenAPI document", () => {
  const routes = documentedRoutes(markdown);

  it("reads every route of the page", () => {
    expect(routes.length).toBeGreaterThanOrEqual(16);
    expect(parseShape('{a, b?: [{c}], d: "x" | "y"}')).toEqual([
      { name: "a", optional: false },
      { name: "b", optional: true, fields: [{ name: "c", optional: false }] },
      { name: "d", optional: false, literals: ["x", "y"] },
    ]);
  });

  it("has the same routes", () => {
    const documented = routes.map((route) => `${route.method} ${route.path}`).sort();
    const generated = Object.entries(document.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(generated).toEqual(documented);
  });

  describe.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    "%s",
    (_, route) => {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];

      it("asks for a token exactly where the page does", () => {
        const open = route.noAuth || route.section === "Auth";
        expect(operation?.security?.length ?? 0).toBe(open ? 0 : 1);
      });

      it("takes the documented query parameters and request body", () => {
        const query = (operation?.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
        expect(query).toEqual(expect.arrayContaining(route.query));
        if (route.requestBody) {
          expectShape(jsonSchema(operation?.requestBody?.content), route.requestBody, "body");
        }
      });

      it("answers with the documented shape and status codes", () => {
        const statuses = Object.keys(operation?.responses ?? {}).map(Number);
        const success = route.response?.status ?? statuses.find((status) => status < 300);
        expect(statuses).toEqual(expect.arrayContaining([success!, ...route.statuses]));
        if (route.response) {
          expectShape(jsonSchema(operation?.responses[String(success)]?.content), route.response.fields, "");
        }
        for (const [status, answer] of Object.entries(operation?.responses ?? {})) {
          if (Number(status) >= 400)
            expect(Object.keys(answer.content ?? {})).toEqual(["application/problem+json"]);
        }
      });
    },
  );

  it("has the documented order statuses", () => {
    expect(resolve({ $ref: "#/components/schemas/OrderStatus" }).enum).toEqual(
      documentedOrderStatuses(markdown),
    );
  });

  it.runIf(existsSync(SHARED_API_MD))(
    "keeps the shared design's API.md verbatim in docs/API.md, with additions only after it",
    () => {
      const designed = readFileSync(SHARED_API_MD, "utf8");
      expect(markdown.startsWith(designed)).toBe(true);
      expect(markdown.slice(designed.length)).toMatch(/^\n## Additions since v1\.0\n/);
    },
  );
});

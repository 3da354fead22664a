import type { ZodOpenApiResponseObject } from "zod-openapi";
import { z } from "zod";
import { Problem } from "../public-views";

// The answers the public API document gives, built once for every route.

/** Routes that need a bearer token. */
export const bearer = [{ bearer: [] }];

const requestIdHeader = z.object({
  "x-request-id": z.string().meta({ description: "The client's X-Request-Id, or one the gateway made up." }),
});

export const json = (description: string, schema: z.ZodType): ZodOpenApiResponseObject => ({
  description,
  headers: requestIdHeader,
  content: { "application/json": { schema } },
});

export const problem = (description: string, retryAfter = false): ZodOpenApiResponseObject => ({
  description,
  headers: retryAfter
    ? requestIdHeader.extend({
        "retry-after": z.string().meta({ description: "Seconds to wait before trying again." }),
      })
    : requestIdHeader,
  content: { "application/problem+json": { schema: Problem } },
});

/** OpenAPI 3.1 cannot describe a stream's items, so the schema given is that of one event's JSON `data`. */
export const eventStream = (description: string, event: z.ZodType): ZodOpenApiResponseObject => ({
  description,
  headers: requestIdHeader,
  content: { "text/event-stream": { schema: event } },
});

const cachedHeaders = requestIdHeader.extend({
  "cache-control": z
    .string()
    .meta({ description: "How long browsers and caches may keep and reuse the answer." }),
  age: z.string().meta({
    description:
      "Seconds since this status was read; grows while the services behind the gateway cannot answer.",
  }),
});

/** An answer browsers and CDNs may cache (the status page's), in `mediaType`. */
export const cached = (
  description: string,
  mediaType: string,
  schema: z.ZodType,
): ZodOpenApiResponseObject => ({
  description,
  headers: cachedHeaders,
  content: { [mediaType]: { schema } },
});

/** Answers any route may give, besides its own. */
export const common = {
  "400": problem("Invalid input: `errors[]` names each field."),
  "429": problem("This customer (or client) is over its rate limit.", true),
  "502": problem(
    "A service behind the gateway failed to answer (a defect on our side, never the request's); retrying is safe, and a checkout retried with the same Idempotency-Key is not placed twice.",
  ),
  "503": problem("The gateway or a service behind it is overloaded or down.", true),
};
export const signedIn = { ...common, "401": problem("No valid bearer token.") };
/** A public route: no token needed, but one sent must be valid. */
export const anyone = {
  ...common,
  "401": problem("The bearer token sent is invalid or expired (none is needed)."),
};

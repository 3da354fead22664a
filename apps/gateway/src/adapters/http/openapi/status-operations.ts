import type { ZodOpenApiOperationObject } from "zod-openapi";
import { z } from "zod";
import { incidentIdParam, incidentUpdateBody } from "../public-requests";
import { PostedIncidentUpdate, StatusView } from "../public-views";
import { bearer, cached, common, json, problem, signedIn } from "./openapi-responses";

/** The status routes of the public API document: the status, its feed, and admins' posts on incidents. */
export const statusOperations: Record<string, Record<string, ZodOpenApiOperationObject>> = {
  "/v1/status": {
    get: {
      operationId: "getStatus",
      tags: ["status"],
      summary:
        "Whether payments work (no auth; cacheable, and served from the last reading when notification is down).",
      responses: {
        "200": cached("The payment status and its incidents.", "application/json", StatusView),
        ...common,
      },
    },
  },
  "/v1/admin/incidents/{incidentId}/updates": {
    post: {
      operationId: "postIncidentUpdate",
      tags: ["status"],
      summary:
        "Post an update (any time) or an apology (once resolved, and sent to each customer the incident held up) on an incident's public timeline (admin).",
      security: bearer,
      requestParams: { path: z.object({ incidentId: incidentIdParam }) },
      requestBody: { content: { "application/json": { schema: incidentUpdateBody } } },
      responses: {
        "201": json("The line as it now stands on the timeline.", PostedIncidentUpdate),
        "403": problem("The token has no admin role."),
        "404": problem("No such incident."),
        "409": problem("An apology for an incident that is still open."),
        ...signedIn,
      },
    },
  },
  "/v1/status/feed.atom": {
    get: {
      operationId: "getStatusFeed",
      tags: ["status"],
      summary: "The status and its incidents as an Atom feed (RFC 4287), for feed readers (no auth).",
      responses: {
        "200": cached("An Atom feed.", "application/atom+xml", z.string()),
        ...common,
      },
    },
  },
};

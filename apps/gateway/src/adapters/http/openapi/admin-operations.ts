import type { ZodOpenApiOperationObject } from "zod-openapi";
import { z } from "zod";
import { BankHealth, DeadLettersOverview, OrdersOverview, ReplayResult } from "../admin-views";
import { adminOrdersQuery, deadLetterConsumerParam, replayBody } from "../public-requests";
import { bearer, json, problem, signedIn } from "./openapi-responses";

const adminOnly = { "403": problem("The token has no admin role."), ...signedIn };

/** The operator console's routes (admin role): orders in flight, the bank circuit, dead letters. */
export const adminOperations: Record<string, Record<string, ZodOpenApiOperationObject>> = {
  "/v1/admin/orders": {
    get: {
      operationId: "getOrdersInFlight",
      tags: ["operations"],
      summary:
        "Orders in flight by status, and the oldest of them (filtered by status, or only the stuck ones) (admin).",
      security: bearer,
      requestParams: { query: adminOrdersQuery },
      responses: {
        "200": json("Counts by status and the oldest orders in flight.", OrdersOverview),
        ...adminOnly,
      },
    },
  },
  "/v1/admin/bank": {
    get: {
      operationId: "getBankHealth",
      tags: ["operations"],
      summary:
        "The circuit toward the bank and the bank's recent error rate, as one payment instance sees them (admin).",
      security: bearer,
      responses: { "200": json("The circuit and the last minute's requests.", BankHealth), ...adminOnly },
    },
  },
  "/v1/admin/dead-letters": {
    get: {
      operationId: "listDeadLetters",
      tags: ["operations"],
      summary: "Every consumer's dead letters, oldest first, with the error that sent each there (admin).",
      security: bearer,
      responses: { "200": json("Dead letters per consumer.", DeadLettersOverview), ...adminOnly },
    },
  },
  "/v1/admin/dead-letters/{consumer}/replay": {
    post: {
      operationId: "replayDeadLetters",
      tags: ["operations"],
      summary:
        "Put a consumer's dead letters back on their topics, the chosen ones or all; inboxes make a second replay harmless (admin).",
      security: bearer,
      requestParams: { path: z.object({ consumer: deadLetterConsumerParam }) },
      requestBody: { content: { "application/json": { schema: replayBody } } },
      responses: {
        "200": json("How many were put back.", ReplayResult),
        ...adminOnly,
      },
    },
  },
};

import { createDocument, type ZodOpenApiOperationObject } from "zod-openapi";
import { z } from "zod";
import {
  addItemBody,
  changeQuantityBody,
  catalogQuery,
  checkoutBody,
  devTokenBody,
  notificationQuery,
  orderListQuery,
  productBody,
} from "../public-requests";
import {
  CartView,
  CatalogView,
  CheckoutAcceptedView,
  NotificationFeed,
  NotificationItem,
  OrderPage,
  OrderStatusEvent,
  OrderView,
  ProductView,
} from "../public-views";
import { anyone, bearer, common, eventStream, json, problem, signedIn } from "./openapi-responses";
import { adminOperations } from "./admin-operations";
import { statusOperations } from "./status-operations";

// The routes of shared/API.md with the very schemas the controllers parse and
// answer with. openapi-routes.unit.spec.ts keeps this list and the controllers'
// routes equal; openapi-contract.unit.spec.ts keeps it and API.md equal.

const skuPath = z.object({ sku: z.string().min(1).max(64) });
const orderIdPath = z.object({ orderId: z.string() });
const idempotencyKey = z.string().min(1).max(255);
const lastEventId = z.object({
  "last-event-id": z
    .string()
    .optional()
    .meta({ description: "The id of the last event received; the stream continues after it." }),
});

const operations: Record<string, Record<string, ZodOpenApiOperationObject>> = {
  "/v1/auth/dev-token": {
    post: {
      operationId: "createDevToken",
      tags: ["auth"],
      summary: "Sign a token for local runs (dev auth mode only; 404 otherwise).",
      requestBody: { content: { "application/json": { schema: devTokenBody } } },
      responses: {
        "200": json("A signed token.", z.object({ token: z.string() }).meta({ id: "DevToken" })),
        "404": problem("The gateway does not run in dev auth mode."),
        ...common,
      },
    },
  },
  "/v1/products": {
    get: {
      operationId: "listProducts",
      tags: ["catalog"],
      security: [],
      requestParams: { query: catalogQuery },
      responses: { "200": json("Every product on sale.", CatalogView), ...anyone },
    },
  },
  "/v1/products/{sku}": {
    get: {
      operationId: "getProduct",
      tags: ["catalog"],
      security: [],
      requestParams: { path: skuPath },
      responses: {
        "200": json("The product.", ProductView),
        "404": problem("No such product."),
        ...anyone,
      },
    },
  },
  "/v1/admin/products/{sku}": {
    put: {
      operationId: "putProduct",
      tags: ["catalog"],
      summary: "Create or update a product and set its stock on sale (admin).",
      security: bearer,
      requestParams: { path: skuPath },
      requestBody: { content: { "application/json": { schema: productBody } } },
      responses: {
        "200": json("The product was updated.", ProductView),
        "201": json("The product was created.", ProductView),
        "403": problem("The token has no admin role."),
        ...signedIn,
      },
    },
  },
  "/v1/cart": {
    get: {
      operationId: "getCart",
      tags: ["cart"],
      security: bearer,
      responses: { "200": json("The caller's cart.", CartView), ...signedIn },
    },
  },
  "/v1/cart/items": {
    post: {
      operationId: "addCartItem",
      tags: ["cart"],
      summary: "Add to the quantity of a product in the cart.",
      security: bearer,
      requestBody: { content: { "application/json": { schema: addItemBody } } },
      responses: {
        "200": json("The cart.", CartView),
        "404": problem("No such product."),
        "422": problem("The quantity cannot be added (e.g. out of range)."),
        ...signedIn,
      },
    },
  },
  "/v1/cart/items/{sku}": {
    patch: {
      operationId: "changeCartItem",
      tags: ["cart"],
      summary: "Set the quantity of a line; 0 removes it.",
      security: bearer,
      requestParams: { path: skuPath },
      requestBody: { content: { "application/json": { schema: changeQuantityBody } } },
      responses: {
        "200": json("The cart.", CartView),
        "404": problem("No such line."),
        "422": problem("The quantity cannot be set (the cart's rules, e.g. its limits)."),
        ...signedIn,
      },
    },
    delete: {
      operationId: "removeCartItem",
      tags: ["cart"],
      security: bearer,
      requestParams: { path: skuPath },
      responses: { "200": json("The cart.", CartView), ...signedIn },
    },
  },
  "/v1/checkout": {
    post: {
      operationId: "checkout",
      tags: ["orders"],
      summary: "Turn the cart into an order; 202 means the order is durable and will reach a final status.",
      security: bearer,
      requestParams: { header: z.object({ "idempotency-key": idempotencyKey }) },
      requestBody: { content: { "application/json": { schema: checkoutBody } } },
      responses: {
        "202": {
          ...json("The order is placed.", CheckoutAcceptedView),
          // Where a client goes next with the order id; schemathesis's stateful
          // phase follows these links too.
          links: {
            getOrder: { operationId: "getOrder", parameters: { orderId: "$response.body#/orderId" } },
            streamOrder: { operationId: "streamOrder", parameters: { orderId: "$response.body#/orderId" } },
            cancelOrder: { operationId: "cancelOrder", parameters: { orderId: "$response.body#/orderId" } },
          },
        },
        "409": problem("A request with this Idempotency-Key is still being answered.", true),
        "422": problem("The cart is empty, or the key was used with another body."),
        ...signedIn,
      },
    },
  },
  "/v1/orders": {
    get: {
      operationId: "listOrders",
      tags: ["orders"],
      security: bearer,
      requestParams: { query: orderListQuery },
      responses: { "200": json("The caller's orders, newest first.", OrderPage), ...signedIn },
    },
  },
  "/v1/orders/{orderId}": {
    get: {
      operationId: "getOrder",
      tags: ["orders"],
      security: bearer,
      requestParams: { path: orderIdPath },
      responses: {
        "200": json("The order.", OrderView),
        "404": problem("No such order of the caller's."),
        ...signedIn,
      },
    },
  },
  "/v1/orders/{orderId}/stream": {
    get: {
      operationId: "streamOrder",
      tags: ["orders"],
      summary: "Server-Sent Events: one `status` event per change, ending after a final status.",
      security: bearer,
      requestParams: { path: orderIdPath, header: lastEventId },
      responses: {
        "200": eventStream("`status` events; `id` counts the order's status changes.", OrderStatusEvent),
        "404": problem("No such order of the caller's."),
        ...signedIn,
      },
    },
  },
  "/v1/orders/{orderId}/cancel": {
    post: {
      operationId: "cancelOrder",
      tags: ["orders"],
      security: bearer,
      requestParams: { path: orderIdPath },
      responses: {
        "200": json("The order, cancelled.", OrderView),
        "404": problem("No such order of the caller's."),
        "409": problem("The payment was captured already, or the order is final."),
        ...signedIn,
      },
    },
  },
  "/v1/notifications": {
    get: {
      operationId: "listNotifications",
      tags: ["notifications"],
      security: bearer,
      requestParams: { query: notificationQuery },
      responses: { "200": json("The caller's notifications, newest first.", NotificationFeed), ...signedIn },
    },
  },
  "/v1/notifications/stream": {
    get: {
      operationId: "streamNotifications",
      tags: ["notifications"],
      summary: "Server-Sent Events: one `notification` event per new notification.",
      security: bearer,
      requestParams: { header: lastEventId },
      responses: {
        "200": eventStream("`notification` events; `id` is the notification's id.", NotificationItem),
        ...signedIn,
      },
    },
  },
  ...statusOperations,
  ...adminOperations,
};

/** The document as JSON: what /openapi.json serves and the typed client is generated from. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, unknown>;
}

/** The version of the contract (API.md v1); additions raise the minor number. */
export const PUBLIC_API_VERSION = "1.3.0";

let built: OpenApiDocument | undefined;

/**
 * The public API as OpenAPI 3.1, served at /openapi.json and checked in at
 * apps/gateway/openapi.json. Built once per process: the docs controller and
 * the 405 hook both read it, and nobody changes it.
 */
export function publicApiDocument(): OpenApiDocument {
  built ??= buildDocument();
  return built;
}

function buildDocument(): OpenApiDocument {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "peakshop public API",
      version: PUBLIC_API_VERSION,
      description:
        "The API frontends code against (shared/API.md). Errors are RFC 9457 problem+json; " +
        "every response carries X-Request-Id.",
    },
    servers: [{ url: "http://127.0.0.1:3000", description: "local (scripts/up.sh)" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
    },
    paths: operations,
  }) as unknown as OpenApiDocument;
}

import { Injectable, type OnApplicationBootstrap } from "@nestjs/common";
import { HttpAdapterHost } from "@nestjs/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AllowedMethods } from "../../domain/allowed-methods";
import { publicApiDocument } from "./openapi/public-api.document";

/**
 * A method the public API does not declare on a path it does declare (TRACE
 * /v1/cart, PUT /v1/checkout) is answered 405 with Allow, as RFC 9110 asks,
 * instead of 404: the client learns the path exists and what it takes. The
 * declared methods come from the OpenAPI document, so the two cannot drift.
 */
@Injectable()
export class MethodNotAllowedHook implements OnApplicationBootstrap {
  private readonly allowed = new AllowedMethods(
    Object.fromEntries(
      Object.entries(publicApiDocument().paths).map(([path, operations]) => [path, Object.keys(operations)]),
    ),
  );

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  // At bootstrap: after RequestIdHook, so the 405 carries X-Request-Id too.
  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook("onRequest", async (request, reply) => this.check(request, reply));
  }

  private async check(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (!request.is404) return undefined;
    const methods = this.allowed.of(request.url.split("?", 1)[0] ?? "");
    if (!methods || methods.includes(request.method)) return undefined;
    return reply
      .status(405)
      .header("allow", methods.join(", "))
      .header("content-type", "application/problem+json")
      .send({
        type: "about:blank",
        title: "Method Not Allowed",
        status: 405,
        detail: `${request.method} is not allowed here; use ${methods.join(", ")}.`,
      });
  }
}

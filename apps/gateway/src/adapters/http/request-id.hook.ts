import { Injectable, type OnModuleInit } from "@nestjs/common";
import { HttpAdapterHost } from "@nestjs/core";
import { REQUEST_ID_HEADER } from "@peakshop/platform-nest";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { randomUUID } from "node:crypto";

/** Visible ASCII, bounded: the id travels in upstream headers and on to Kafka headers. */
const USABLE_ID = /^[\x21-\x7e]{1,200}$/;

/** The client's id when it is usable, else a fresh one. */
export const requestIdFor = (given: unknown): string =>
  typeof given === "string" && USABLE_ID.test(given) ? given : randomUUID();

/**
 * Every response carries X-Request-Id (the client's, echoed, or a generated
 * one), errors and 404s included: set on the reply before any handler runs.
 * The same id is what the gateway forwards to the services.
 */
@Injectable()
export class RequestIdHook implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook("onRequest", async (request: FastifyRequest, reply) => {
      const id = requestIdFor(request.headers[REQUEST_ID_HEADER]);
      (request as { id: string }).id = id;
      void reply.header(REQUEST_ID_HEADER, id);
    });
  }
}

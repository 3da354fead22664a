import { context } from "@opentelemetry/api";
import { getRPCMetadata, RPCType } from "@opentelemetry/core";
import { tracingStarted } from "./trace-context";

/** The part of Fastify this needs (typed here, so any Fastify 5 the app runs on fits). */
interface RoutedServer {
  addHook(
    name: "onRequest",
    hook: (request: { routeOptions: { url?: string } }, reply: unknown, done: () => void) => void,
  ): unknown;
}

/**
 * Tells the HTTP instrumentation each request's route template, which then
 * names the server span by it (`POST /v1/checkout`) and sets `http.route`:
 * what a framework's instrumentation does, and NestJS's does not for Nest 12.
 */
export function routeServerSpans(fastify: RoutedServer): void {
  if (!tracingStarted()) return;
  fastify.addHook("onRequest", (request, _reply, done) => {
    routeActiveServerSpan(request.routeOptions.url);
    done();
  });
}

/** Records the route on the server span of the request being handled, if it is traced. */
export function routeActiveServerSpan(route: string | undefined): void {
  const metadata = getRPCMetadata(context.active());
  if (route && metadata?.type === RPCType.HTTP) metadata.route = route;
}

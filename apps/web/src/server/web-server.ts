import { sep } from "node:path";
import fastifyStatic from "@fastify/static";
import { createMetricsRegistry, recordHttpRequests } from "@peakshop/metrics";
import Fastify, { type FastifyInstance } from "fastify";
import { registerBankFaults } from "./bank-faults.js";

export interface WebServerOptions {
  /** The built app (vite's output). */
  root: string;
  /** What the browser reads from /config.json; read at each request. */
  config: { gatewayUrl: string; devSignIn: boolean; statusRefreshSeconds: number };
  /**
   * Dev only: the bank simulator, whose faults the operator console's demo
   * panel sets through /dev/bank/faults. Unset (the default, and always in
   * production) the panel and the route do not exist.
   */
  devBankUrl?: string;
  host?: string;
  port?: number;
}

/** Hashed asset names change with their content, so browsers and CDNs may keep them for a year. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Serves the web app as static files: hashed assets cached for good,
 * index.html never (so a deploy reaches every browser at the next load),
 * /config.json from the environment, and every other path answered with the
 * app itself so links into it (an order page) load. Serves /metrics as the
 * services do, for the same dashboards and alerts.
 */
export async function startWebServer(options: WebServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const metrics = createMetricsRegistry("web");
  recordHttpRequests(app, metrics);
  app.addHook("onSend", async (_request, reply) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    reply.header(
      "content-security-policy",
      `default-src 'self'; connect-src 'self' ${options.config.gatewayUrl}; img-src 'self' data:; frame-ancestors 'none'`,
    );
  });
  await app.register(fastifyStatic, {
    root: options.root,
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      reply.header("cache-control", path.includes(`${sep}assets${sep}`) ? IMMUTABLE : "no-cache");
    },
  });
  app.get("/config.json", async (_request, reply) =>
    reply
      .header("cache-control", "no-cache")
      .send({ ...options.config, devBankFaults: options.devBankUrl !== undefined }),
  );
  if (options.devBankUrl) registerBankFaults(app, options.devBankUrl);
  app.get("/health/live", async () => ({ status: "ok" }));
  app.get("/health/ready", async () => ({ status: "ok" }));
  app.get("/metrics", async (_request, reply) =>
    reply.header("content-type", metrics.contentType).send(await metrics.metrics()),
  );
  app.setNotFoundHandler((request, reply) => {
    if (request.method !== "GET" && request.method !== "HEAD") return reply.code(405).send();
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
  await app.listen({ host: options.host ?? "127.0.0.1", port: options.port ?? 0 });
  return app;
}

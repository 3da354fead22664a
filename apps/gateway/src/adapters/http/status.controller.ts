import { randomUUID } from "node:crypto";
import { Controller, Get, Header, Inject, Req, Res, UseFilters } from "@nestjs/common";
import { SERVICE_CONFIG } from "@peakshop/platform-nest";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { LastKnown, type Known } from "../../application/last-known";
import type { GatewayConfig } from "../../config";
import { UpstreamClient } from "../upstream/upstream.client";
import { GatewayProblemsFilter } from "./gateway-problems.filter";
import { StatusView } from "./public-views";
import { statusFeed } from "./status-feed";

/** How long one reading of the status serves every asker, so a crowd refreshing the page costs notification one request. */
const STATUS_FRESH_MS = 1_000;
/**
 * Browsers and CDNs keep the answer 5 s, may show it 30 s longer while they
 * ask again, and 10 minutes while the gateway errs: the status page is read
 * most when things go wrong, and must not be what falls over.
 */
const STATUS_CACHE_CONTROL = "public, max-age=5, stale-while-revalidate=30, stale-if-error=600";

/**
 * The public payment status page and its Atom feed: no auth, exempt from
 * admission control, and served from the last known reading (with its `Age`)
 * when notification cannot answer.
 */
@Controller("v1/status")
@UseFilters(GatewayProblemsFilter)
export class StatusController {
  private readonly status: LastKnown<z.infer<typeof StatusView>>;

  constructor(
    upstream: UpstreamClient,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.status = new LastKnown(async () => {
      // One reading serves many askers, so it carries an id of its own.
      const requestId = `status-${randomUUID()}`;
      const { body } = await upstream.call(
        "notification",
        { method: "GET", path: "/v1/status", requestId },
        StatusView,
      );
      return body;
    }, STATUS_FRESH_MS);
  }

  @Get()
  @Header("cache-control", STATUS_CACHE_CONTROL)
  async get(@Res({ passthrough: true }) reply: FastifyReply) {
    return this.withAge(reply, await this.status.get());
  }

  @Get("feed.atom")
  @Header("cache-control", STATUS_CACHE_CONTROL)
  @Header("content-type", "application/atom+xml; charset=utf-8")
  async feed(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const feedUrl = `${request.protocol}://${request.host}/v1/status/feed.atom`;
    return statusFeed(
      this.withAge(reply, await this.status.get()),
      feedUrl,
      this.config.STATUS_PAGE_URL ?? feedUrl,
    );
  }

  private withAge<T>(reply: FastifyReply, known: Known<T>): T {
    void reply.header("age", String(Math.floor(known.ageMs / 1_000)));
    return known.value;
  }
}

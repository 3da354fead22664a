import { Controller, Get, Headers, Query, Res, Sse, UseFilters, UseGuards } from "@nestjs/common";
import { parseRequest } from "@peakshop/platform-nest";
import type { FastifyReply } from "fastify";
import { UpstreamClient } from "../upstream/upstream.client";
import { AuthGuard, CurrentCaller, type Caller } from "./auth.guard";
import { CustomerRateLimitGuard } from "./customer-rate-limit.guard";
import { EventStreams } from "./event-streams";
import { GatewayProblemsFilter } from "./gateway-problems.filter";
import { notificationQuery } from "./public-requests";
import { NotificationFeed } from "./public-views";

/** The caller's own in-app feed, newest first; `limit` and `cursor` (the previous page's `nextCursor`) page it. */
@Controller("v1/notifications")
@UseGuards(AuthGuard, CustomerRateLimitGuard)
@UseFilters(GatewayProblemsFilter)
export class NotificationsController {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly streams: EventStreams,
  ) {}

  @Get()
  async list(@CurrentCaller() caller: Caller, @Query() query: unknown) {
    const { limit, cursor, after } = parseRequest(notificationQuery, query, "query");
    const { body } = await this.upstream.call(
      "notification",
      {
        method: "GET",
        path: `/v1/customers/${encodeURIComponent(caller.customerId)}/notifications`,
        query: { limit, cursor: cursor ?? after },
        requestId: caller.requestId,
      },
      NotificationFeed,
    );
    return body;
  }

  /** Server-Sent Events: one `notification` event per new notification; Last-Event-ID resumes. */
  @Sse("stream")
  stream(
    @CurrentCaller() caller: Caller,
    @Headers("last-event-id") lastEventId: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.streams.notifications(caller, lastEventId, reply);
  }
}

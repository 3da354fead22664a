import { Body, Controller, HttpCode, Param, Post, Req, UseFilters, UseGuards } from "@nestjs/common";
import { parseRequest } from "@peakshop/platform-nest";
import type { FastifyRequest } from "fastify";
import { UpstreamClient } from "../upstream/upstream.client";
import { AdminOnly, AuthGuard } from "./auth.guard";
import { CustomerRateLimitGuard } from "./customer-rate-limit.guard";
import { GatewayProblemsFilter } from "./gateway-problems.filter";
import { incidentIdParam, incidentUpdateBody } from "./public-requests";
import { PostedIncidentUpdate } from "./public-views";

/** Admins tell the public what is happening: posts on an incident's timeline (status page and Atom feed), kept by notification. */
@Controller("v1/admin/incidents")
@UseGuards(AuthGuard, CustomerRateLimitGuard)
@UseFilters(GatewayProblemsFilter)
export class IncidentsController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Post(":incidentId/updates")
  @AdminOnly()
  @HttpCode(201)
  async post(
    @Param("incidentId") incidentId: string,
    @Body() input: unknown,
    @Req() request: FastifyRequest,
  ) {
    const id = parseRequest(incidentIdParam, incidentId, "path.incidentId");
    const body = parseRequest(incidentUpdateBody, input, "body");
    const { body: posted } = await this.upstream.call(
      "notification",
      {
        method: "POST",
        path: `/v1/incidents/${encodeURIComponent(id)}/updates`,
        body,
        requestId: request.id,
      },
      PostedIncidentUpdate,
    );
    return posted;
  }
}

import { Controller, Get, Req, UseFilters } from "@nestjs/common";
import type { FastifyRequest } from "fastify";
import { UpstreamClient } from "../upstream/upstream.client";
import { GatewayProblemsFilter } from "./gateway-problems.filter";
import { StatusView } from "./public-views";

/** The public payment status page: no auth, anyone may ask whether payments work. */
@Controller("v1/status")
@UseFilters(GatewayProblemsFilter)
export class StatusController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Get()
  async get(@Req() request: FastifyRequest) {
    const { body } = await this.upstream.call(
      "notification",
      { method: "GET", path: "/v1/status", requestId: request.id },
      StatusView,
    );
    return body;
  }
}

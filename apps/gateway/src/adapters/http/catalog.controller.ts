import { Body, Controller, Get, Param, Put, Query, Req, Res, UseFilters, UseGuards } from "@nestjs/common";
import { parseRequest } from "@peakshop/platform-nest";
import type { FastifyReply, FastifyRequest } from "fastify";
import { UpstreamClient } from "../upstream/upstream.client";
import { AdminOnly, AuthGuard, Public } from "./auth.guard";
import { CustomerRateLimitGuard } from "./customer-rate-limit.guard";
import { GatewayProblemsFilter } from "./gateway-problems.filter";
import { catalogQuery, productBody, skuParam } from "./public-requests";
import { CatalogView, ProductView } from "./public-views";

/** The catalog (anyone, signed in or not) and its administration (admin role), served by inventory. */
@Controller("v1")
@UseGuards(AuthGuard, CustomerRateLimitGuard)
@UseFilters(GatewayProblemsFilter)
export class CatalogController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Get("products")
  @Public()
  async list(@Query() query: unknown, @Req() request: FastifyRequest) {
    const { limit, cursor } = parseRequest(catalogQuery, query, "query");
    const { body } = await this.upstream.call(
      "inventory",
      { method: "GET", path: "/v1/products", query: { limit, cursor }, requestId: request.id },
      CatalogView,
    );
    return body;
  }

  @Get("products/:sku")
  @Public()
  async get(@Param("sku") sku: string, @Req() request: FastifyRequest) {
    const valid = parseRequest(skuParam, sku, "path.sku");
    const { body } = await this.upstream.call(
      "inventory",
      { method: "GET", path: `/v1/products/${encodeURIComponent(valid)}`, requestId: request.id },
      ProductView,
    );
    return body;
  }

  /** 201 when the product is new, 200 when it was updated (as inventory says). */
  @Put("admin/products/:sku")
  @AdminOnly()
  async put(
    @Param("sku") sku: string,
    @Body() input: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const valid = parseRequest(skuParam, sku, "path.sku");
    const spec = parseRequest(productBody, input, "body");
    const { status, body } = await this.upstream.call(
      "inventory",
      {
        method: "PUT",
        path: `/v1/admin/products/${encodeURIComponent(valid)}`,
        body: spec,
        requestId: request.id,
      },
      ProductView,
    );
    void reply.status(status);
    return body;
  }
}

import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  UseFilters,
  UseGuards,
} from "@nestjs/common";
import { parseRequest } from "@peakshop/platform-nest";
import { UpstreamClient, type UpstreamRequest } from "../upstream/upstream.client";
import { AuthGuard, CurrentCaller, type Caller } from "./auth.guard";
import { CustomerRateLimitGuard } from "./customer-rate-limit.guard";
import { GatewayProblemsFilter } from "./gateway-problems.filter";
import { addItemBody, changeQuantityBody, skuParam } from "./public-requests";
import { CartView } from "./public-views";

/** The caller's own cart: the customer id in the cart service's path is the token's subject. */
@Controller("v1/cart")
@UseGuards(AuthGuard, CustomerRateLimitGuard)
@UseFilters(GatewayProblemsFilter)
export class CartController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Get()
  get(@CurrentCaller() caller: Caller) {
    return this.cart(caller, "GET", "");
  }

  @Post("items")
  @HttpCode(200)
  add(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.cart(caller, "POST", "/items", parseRequest(addItemBody, body, "body"));
  }

  /** `quantity: 0` removes the line (the cart service's rule). */
  @Patch("items/:sku")
  change(@CurrentCaller() caller: Caller, @Param("sku") sku: string, @Body() body: unknown) {
    const valid = parseRequest(skuParam, sku, "path.sku");
    return this.cart(
      caller,
      "PATCH",
      `/items/${encodeURIComponent(valid)}`,
      parseRequest(changeQuantityBody, body, "body"),
    );
  }

  @Delete("items/:sku")
  remove(@CurrentCaller() caller: Caller, @Param("sku") sku: string) {
    const valid = parseRequest(skuParam, sku, "path.sku");
    return this.cart(caller, "DELETE", `/items/${encodeURIComponent(valid)}`);
  }

  private async cart(caller: Caller, method: UpstreamRequest["method"], suffix: string, body?: unknown) {
    const path = `/v1/carts/${encodeURIComponent(caller.customerId)}${suffix}`;
    const response = await this.upstream.call(
      "cart",
      { method, path, body, requestId: caller.requestId },
      CartView,
    );
    return response.body;
  }
}

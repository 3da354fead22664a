import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Req,
  UseFilters,
} from "@nestjs/common";
import { parseRequest } from "@peakshop/platform-nest";
import { AddItemHandler } from "../../application/add-item.handler";
import type { CartView } from "../../application/cart-view";
import { ChangeQuantityHandler } from "../../application/change-quantity.handler";
import { CheckoutHandler } from "../../application/checkout.handler";
import { GetCartQuery } from "../../application/get-cart.query";
import { RemoveItemHandler } from "../../application/remove-item.handler";
import { CartProblemsFilter } from "./cart-problems.filter";
import {
  addItemBody,
  changeQuantityBody,
  checkoutBody,
  customerIdParam,
  idempotencyKeyHeader,
  requestIdOf,
  skuParam,
} from "./cart.requests";

/**
 * The internal cart API. The gateway authenticates the customer and passes their id in the
 * path; this service trusts it (it is not reachable from outside).
 */
@Controller("v1/carts/:customerId")
@UseFilters(CartProblemsFilter)
export class CartsController {
  constructor(
    private readonly getCart: GetCartQuery,
    private readonly addItem: AddItemHandler,
    private readonly changeQuantity: ChangeQuantityHandler,
    private readonly removeItem: RemoveItemHandler,
    private readonly checkout: CheckoutHandler,
  ) {}

  @Get()
  get(@Param("customerId") customerId: string): Promise<CartView> {
    return this.getCart.execute(parseRequest(customerIdParam, customerId, "path.customerId"));
  }

  @Post("items")
  @HttpCode(200)
  add(@Param("customerId") customerId: string, @Body() body: unknown): Promise<CartView> {
    const customer = parseRequest(customerIdParam, customerId, "path.customerId");
    const { sku, quantity } = parseRequest(addItemBody, body, "body");
    return this.addItem.execute(customer, sku, quantity);
  }

  @Patch("items/:sku")
  change(
    @Param("customerId") customerId: string,
    @Param("sku") sku: string,
    @Body() body: unknown,
  ): Promise<CartView> {
    const customer = parseRequest(customerIdParam, customerId, "path.customerId");
    const { quantity } = parseRequest(changeQuantityBody, body, "body");
    return this.changeQuantity.execute(customer, parseRequest(skuParam, sku, "path.sku"), quantity);
  }

  @Delete("items/:sku")
  remove(@Param("customerId") customerId: string, @Param("sku") sku: string): Promise<CartView> {
    const customer = parseRequest(customerIdParam, customerId, "path.customerId");
    return this.removeItem.execute(customer, parseRequest(skuParam, sku, "path.sku"));
  }

  /** 202 once CheckoutRequested is durable in the outbox: the order will reach a final state (I1). */
  @Post("checkout")
  @HttpCode(202)
  async checkOut(
    @Param("customerId") customerId: string,
    @Headers("idempotency-key") idempotencyKey: string | undefined,
    @Body() body: unknown,
    @Req() request: { id?: unknown },
  ): Promise<{ orderId: string; status: "PLACED" }> {
    const customer = parseRequest(customerIdParam, customerId, "path.customerId");
    const key = parseRequest(idempotencyKeyHeader, idempotencyKey, "header.Idempotency-Key");
    const { paymentToken } = parseRequest(checkoutBody, body, "body");
    const { orderId } = await this.checkout.execute({
      customerId: customer,
      idempotencyKey: key,
      paymentToken,
      requestId: requestIdOf(request),
    });
    return { orderId, status: "PLACED" };
  }
}

import { Injectable } from "@nestjs/common";
import { CartCommands } from "./cart-commands";
import { cartViewOf, type CartView } from "./cart-view";

/** Removes a line; removing one that is not there changes nothing, like any repeated DELETE. */
@Injectable()
export class RemoveItemHandler {
  constructor(private readonly carts: CartCommands) {}

  async execute(customerId: string, sku: string): Promise<CartView> {
    const result = await this.carts.execute(customerId, { type: "RemoveItem", sku });
    return cartViewOf(customerId, result.state);
  }
}

import { Injectable } from "@nestjs/common";
import { CartCommands } from "./cart-commands";
import { cartViewOf, type CartView } from "./cart-view";

/** Sets a line's quantity; 0 removes it. Keeps the price the line was added at until checkout. */
@Injectable()
export class ChangeQuantityHandler {
  constructor(private readonly carts: CartCommands) {}

  async execute(customerId: string, sku: string, quantity: number): Promise<CartView> {
    const result = await this.carts.execute(customerId, { type: "ChangeQuantity", sku, quantity });
    return cartViewOf(customerId, result.state);
  }
}

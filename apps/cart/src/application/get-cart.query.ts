import { Injectable } from "@nestjs/common";
import { CartCommands } from "./cart-commands";
import { cartViewOf, type CartView } from "./cart-view";

@Injectable()
export class GetCartQuery {
  constructor(private readonly carts: CartCommands) {}

  async execute(customerId: string): Promise<CartView> {
    return cartViewOf(customerId, await this.carts.load(customerId));
  }
}

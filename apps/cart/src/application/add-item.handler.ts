import { Injectable } from "@nestjs/common";
import { CartCommands } from "./cart-commands";
import { cartViewOf, type CartView } from "./cart-view";
import { ProductCatalog, requireProduct } from "./product-catalog.port";

/** Adds to a line at the catalogue's price now; the client only says which SKU and how many. */
@Injectable()
export class AddItemHandler {
  constructor(
    private readonly carts: CartCommands,
    private readonly catalog: ProductCatalog,
  ) {}

  async execute(customerId: string, sku: string, quantity: number): Promise<CartView> {
    const product = await requireProduct(this.catalog, sku);
    const result = await this.carts.execute(customerId, {
      type: "AddItem",
      sku,
      quantity,
      name: product.name,
      unitPriceCents: product.priceCents,
      currency: product.currency,
    });
    return cartViewOf(customerId, result.state);
  }
}

import { Injectable } from "@nestjs/common";
import type { CatalogPrice } from "../domain/cart.commands";
import { CartError } from "../domain/cart.errors";
import type { CartState } from "../domain/cart.state";
import { CartCommands } from "./cart-commands";
import { cartOutbox, type Causation } from "./checkout-requested.message";
import { orderIdFor } from "./order-id";
import { ProductCatalog, requireProduct } from "./product-catalog.port";

export interface CheckoutRequest {
  customerId: string;
  idempotencyKey: string;
  paymentToken: string;
  /** The HTTP request's id: correlation and causation of the published message. */
  requestId: string;
}

/** Re-pricing races with a concurrent change of the same cart only rarely; a few rounds settle it. */
const PRICING_ROUNDS = 3;

/**
 * Checks the cart out: re-prices every line at the catalogue, then appends CheckedOut and
 * its CheckoutRequested in one statement. A retry with the same key answers the same order
 * and publishes nothing more.
 */
@Injectable()
export class CheckoutHandler {
  constructor(
    private readonly carts: CartCommands,
    private readonly catalog: ProductCatalog,
  ) {}

  async execute(request: CheckoutRequest): Promise<{ orderId: string }> {
    const { customerId, idempotencyKey, paymentToken } = request;
    const causation: Causation = { correlationId: request.requestId, causationId: request.requestId };
    for (let round = 1; ; round++) {
      // The first round prices the cart this process last wrote; it may be
      // behind another replica's write, so any failure of that round, and
      // prices that missed a line, are tried again on the stored cart.
      const recent = round === 1;
      const cart = recent ? await this.carts.loadRecent(customerId) : await this.carts.load(customerId);
      try {
        const result = await this.carts.execute(
          customerId,
          {
            type: "Checkout",
            orderId: orderIdFor(customerId, idempotencyKey),
            idempotencyKey,
            paymentToken,
            at: new Date().toISOString(),
            prices: await this.pricesFor(cart, idempotencyKey),
          },
          cartOutbox(customerId, causation),
        );
        // Answered from the state, so a replayed key returns the order it made the first time.
        const checkout = result.state.checkouts[idempotencyKey];
        if (!checkout) throw new Error(`checkout ${idempotencyKey} of ${customerId} was not recorded`);
        return { orderId: checkout.orderId };
      } catch (error) {
        const stale = recent || (error instanceof CartError && error.code === "price-missing");
        if (!stale || round >= PRICING_ROUNDS) throw error;
      }
    }
  }

  /** Current prices of the cart's lines; none are needed to replay a used key or refuse an empty cart. */
  private async pricesFor(cart: CartState, idempotencyKey: string): Promise<Record<string, CatalogPrice>> {
    if (cart.status === "empty" || cart.checkouts[idempotencyKey]) return {};
    const products = await Promise.all(cart.lines.map((line) => requireProduct(this.catalog, line.sku)));
    return Object.fromEntries(
      products.map((p) => [p.sku, { name: p.name, unitPriceCents: p.priceCents, currency: p.currency }]),
    );
  }
}

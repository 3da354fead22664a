import { Module, type DynamicModule } from "@nestjs/common";
import { CheckoutRequestedV1 } from "@peakshop/contracts";
import { EVENTSOURCING_MIGRATIONS, EventSourcingModule } from "@peakshop/eventsourcing";
import { ensureTopicsAtStart, PlatformModule, type ServiceTopics } from "@peakshop/platform-nest";
import { CachedProductCatalog } from "./adapters/catalog/cached-product-catalog";
import { HttpProductCatalog } from "./adapters/catalog/http-product-catalog";
import { CartsController } from "./adapters/http/carts.controller";
import { AddItemHandler } from "./application/add-item.handler";
import { CartCommands } from "./application/cart-commands";
import { ChangeQuantityHandler } from "./application/change-quantity.handler";
import { CheckoutHandler } from "./application/checkout.handler";
import { GetCartQuery } from "./application/get-cart.query";
import { ProductCatalog } from "./application/product-catalog.port";
import { RemoveItemHandler } from "./application/remove-item.handler";
import type { CartConfig } from "./config";

// Carts live in the event store alone: no tables of their own, no projections.
export const CART_ENTITIES = [];
export const CART_MIGRATIONS = [...EVENTSOURCING_MIGRATIONS];
export const CART_CONSUMER = "cart";

/** Cart reads nothing from Kafka; it writes checkouts (through its outbox). */
export const CART_TOPICS: ServiceTopics = { consumes: [], publishes: [CheckoutRequestedV1.topic] };

@Module({})
export class CartModule {
  static forRoot(config: CartConfig): DynamicModule {
    return {
      module: CartModule,
      imports: [
        PlatformModule.forRoot(config, { entities: CART_ENTITIES, migrations: CART_MIGRATIONS }),
        // The relay runs in-process and publishes CheckoutRequested from the outbox.
        EventSourcingModule.forRoot({ consumer: CART_CONSUMER }),
      ],
      controllers: [CartsController],
      providers: [
        {
          provide: ProductCatalog,
          useFactory: () => {
            const inventory = new HttpProductCatalog(config.INVENTORY_URL, config.INVENTORY_TIMEOUT_MS);
            return config.CATALOG_CACHE_TTL_MS > 0
              ? new CachedProductCatalog(inventory, config.CATALOG_CACHE_TTL_MS)
              : inventory;
          },
        },
        CartCommands,
        GetCartQuery,
        AddItemHandler,
        ChangeQuantityHandler,
        RemoveItemHandler,
        CheckoutHandler,
        ensureTopicsAtStart(CART_TOPICS),
      ],
    };
  }
}

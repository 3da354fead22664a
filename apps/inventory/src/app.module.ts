import { Module, type DynamicModule } from "@nestjs/common";
import { EVENTSOURCING_MIGRATIONS, EventSourcingModule } from "@peakshop/eventsourcing";
import { ensureTopicsAtStart, PlatformModule } from "@peakshop/platform-nest";
import { DataSource } from "typeorm";
import { ProductsController } from "./adapters/http/products.controller";
import { INVENTORY_CONSUMER, INVENTORY_TOPICS } from "./adapters/messaging/inventory-topics";
import { StockCommandsConsumer } from "./adapters/messaging/stock-commands.consumer";
import { CreateInventory1764100000000 } from "./adapters/persistence/migrations/1764100000000-create-inventory";
import { HoldExpirySweeper } from "./adapters/scheduling/hold-expiry.sweeper";
import { CommitStockHandler } from "./application/commit-stock.handler";
import { ExpireHoldsHandler } from "./application/expire-holds.handler";
import { ReadCatalogQuery } from "./application/read-catalog.query";
import { ReleaseStockHandler } from "./application/release-stock.handler";
import { ReserveStockHandler } from "./application/reserve-stock.handler";
import { SetProductStockHandler } from "./application/set-product-stock.handler";
import type { InventoryConfig } from "./config";
import { postgresInventoryStore } from "./adapters/persistence/postgres-inventory-store";

// Plain SQL throughout (locking matters here), so no TypeORM entities.
export const INVENTORY_ENTITIES = [];
export const INVENTORY_MIGRATIONS = [...EVENTSOURCING_MIGRATIONS, CreateInventory1764100000000];
export { INVENTORY_CONSUMER };

const withDataSource = <T>(create: (dataSource: DataSource) => T) => ({
  inject: [DataSource],
  useFactory: create,
});

@Module({})
export class InventoryModule {
  static forRoot(config: InventoryConfig): DynamicModule {
    return {
      module: InventoryModule,
      imports: [
        PlatformModule.forRoot(config, { entities: INVENTORY_ENTITIES, migrations: INVENTORY_MIGRATIONS }),
        EventSourcingModule.forRoot({ consumer: INVENTORY_CONSUMER }),
      ],
      controllers: [ProductsController, StockCommandsConsumer],
      providers: [
        ensureTopicsAtStart(INVENTORY_TOPICS),
        HoldExpirySweeper,
        {
          provide: ReserveStockHandler,
          ...withDataSource((ds) => new ReserveStockHandler(ds, postgresInventoryStore)),
        },
        {
          provide: ReleaseStockHandler,
          ...withDataSource((ds) => new ReleaseStockHandler(ds, postgresInventoryStore)),
        },
        {
          provide: CommitStockHandler,
          ...withDataSource((ds) => new CommitStockHandler(ds, postgresInventoryStore)),
        },
        {
          provide: ExpireHoldsHandler,
          ...withDataSource((ds) => new ExpireHoldsHandler(ds, postgresInventoryStore)),
        },
        {
          provide: ReadCatalogQuery,
          ...withDataSource((ds) => new ReadCatalogQuery(ds, postgresInventoryStore)),
        },
        {
          provide: SetProductStockHandler,
          ...withDataSource(
            (ds) => new SetProductStockHandler(ds, postgresInventoryStore, { buckets: config.STOCK_BUCKETS }),
          ),
        },
      ],
    };
  }
}

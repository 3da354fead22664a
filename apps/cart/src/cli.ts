// Operations commands for the cart service, e.g. `node dist/cli.js migrate` (see SERVICE_CLI_USAGE).
import "reflect-metadata";
import { serviceCliMain } from "@peakshop/eventsourcing";
import { topicSpecsOf } from "@peakshop/platform-nest";
import { CART_CONSUMER, CART_ENTITIES, CART_MIGRATIONS, CART_TOPICS } from "./app.module";
import { loadCartConfig } from "./config";

serviceCliMain(() => ({
  config: loadCartConfig(),
  database: { entities: CART_ENTITIES, migrations: CART_MIGRATIONS },
  consumer: CART_CONSUMER,
  topics: topicSpecsOf(CART_TOPICS),
}));

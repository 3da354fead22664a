// Operations commands for the order service, e.g. `node dist/cli.js migrate`
// or `node dist/cli.js projections rebuild orders-view` (see SERVICE_CLI_USAGE).
import "reflect-metadata";
import { serviceCliMain } from "@peakshop/eventsourcing";
import { topicSpecsOf } from "@peakshop/platform-nest";
import {
  ORDER_CONSUMER,
  ORDER_ENTITIES,
  ORDER_MIGRATIONS,
  ORDER_PROJECTIONS,
  ORDER_TOPICS,
} from "./app.module";
import { loadOrderConfig } from "./config";

serviceCliMain(() => ({
  config: loadOrderConfig(),
  database: { entities: ORDER_ENTITIES, migrations: ORDER_MIGRATIONS },
  projections: ORDER_PROJECTIONS,
  consumer: ORDER_CONSUMER,
  topics: topicSpecsOf(ORDER_TOPICS),
}));

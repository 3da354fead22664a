// Operations commands for the payment service, e.g. `node dist/cli.js migrate`
// or `node dist/cli.js dead-letters list` (see SERVICE_CLI_USAGE).
import "reflect-metadata";
import { serviceCliMain } from "@peakshop/eventsourcing";
import { topicSpecsOf } from "@peakshop/platform-nest";
import { PAYMENT_CONSUMER, PAYMENT_ENTITIES, PAYMENT_MIGRATIONS, PAYMENT_TOPICS } from "./app.module";
import { loadPaymentConfig } from "./config";

serviceCliMain(() => ({
  config: loadPaymentConfig(),
  database: { entities: PAYMENT_ENTITIES, migrations: PAYMENT_MIGRATIONS },
  consumer: PAYMENT_CONSUMER,
  topics: topicSpecsOf(PAYMENT_TOPICS),
}));

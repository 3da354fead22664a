// Operations commands for the notification service, e.g. `node dist/cli.js migrate`
// or `node dist/cli.js dead-letters list` (see SERVICE_CLI_USAGE).
import "reflect-metadata";
import { serviceCliMain } from "@peakshop/eventsourcing";
import { topicSpecsOf } from "@peakshop/platform-nest";
import {
  NOTIFICATION_CONSUMER,
  NOTIFICATION_ENTITIES,
  NOTIFICATION_MIGRATIONS,
  NOTIFICATION_TOPICS,
} from "./app.module";
import { loadNotificationConfig } from "./config";

serviceCliMain(() => ({
  config: loadNotificationConfig(),
  database: { entities: NOTIFICATION_ENTITIES, migrations: NOTIFICATION_MIGRATIONS },
  consumer: NOTIFICATION_CONSUMER,
  topics: topicSpecsOf(NOTIFICATION_TOPICS),
}));

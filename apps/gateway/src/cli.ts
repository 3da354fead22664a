// Operations commands for the gateway: `node dist/cli.js migrate` (it has no
// projections and consumes no Kafka topics, so it has no other commands).
import "reflect-metadata";
import { serviceCliMain } from "@peakshop/eventsourcing";
import { GATEWAY_ENTITIES, GATEWAY_MIGRATIONS } from "./app.module";
import { loadGatewayConfig } from "./config";

serviceCliMain(() => ({
  config: loadGatewayConfig(),
  database: { entities: GATEWAY_ENTITIES, migrations: GATEWAY_MIGRATIONS },
}));

// Operations commands for the bank simulator: `node dist/cli.js migrate` (it has no
// projections and consumes no Kafka topics, so it has no other commands).
import "reflect-metadata";
import { serviceCliMain } from "@peakshop/eventsourcing";
import { BANK_ENTITIES, BANK_MIGRATIONS } from "./app.module";
import { loadBankSimulatorConfig } from "./config";

serviceCliMain(() => ({
  config: loadBankSimulatorConfig(),
  database: { entities: BANK_ENTITIES, migrations: BANK_MIGRATIONS },
}));

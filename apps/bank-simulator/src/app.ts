import "reflect-metadata";
import { startService, type StartOptions } from "@peakshop/platform-nest";
import { BankSimulatorModule, type BankSimulatorSettings } from "./app.module";
import type { BankSimulatorConfig } from "./config";

export { bankSimulatorConfigSchema, loadBankSimulatorConfig, type BankSimulatorConfig } from "./config";
export { BANK_ENTITIES, BANK_MIGRATIONS } from "./app.module";
export { NO_FAULTS, type FaultSettings, type RandomSource } from "./domain/faults";

export type BankSimulatorOptions = StartOptions & BankSimulatorSettings;

export function startBankSimulatorService(config: BankSimulatorConfig, options: BankSimulatorOptions = {}) {
  const { random, ...start } = options;
  return startService(BankSimulatorModule.forRoot(config, { random }), config, start);
}

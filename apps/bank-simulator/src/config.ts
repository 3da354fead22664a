import { httpServiceConfigSchema, loadConfig } from "@peakshop/platform-nest";
import { z } from "zod";

/** The platform's settings less Kafka's: the bank simulator speaks HTTP only. */
export const bankSimulatorConfigSchema = httpServiceConfigSchema.extend({
  SERVICE_NAME: z.string().min(1).default("bank-simulator"),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
});

export type BankSimulatorConfig = z.infer<typeof bankSimulatorConfigSchema>;

export const loadBankSimulatorConfig = (env: NodeJS.ProcessEnv = process.env): BankSimulatorConfig =>
  loadConfig(bankSimulatorConfigSchema, env);

import type { PeakshopService } from "./images";

const DATABASES: Record<PeakshopService, string> = {
  gateway: "peakshop_gateway",
  order: "peakshop_order",
  cart: "peakshop_cart",
  inventory: "peakshop_inventory",
  payment: "peakshop_payment",
  notification: "peakshop_notification",
  "bank-simulator": "peakshop_bank_simulator",
};

/** Run by PostgreSQL at its first start: one database per service, as each owns its data. */
export const CREATE_DATABASES = Object.values(DATABASES)
  .map((database) => `CREATE DATABASE ${database};`)
  .join("\n");

export interface SettingsInput {
  databasePassword: string;
  authDevSecret: string;
  paymentDeadlineMs: number;
}

/**
 * Each service's environment on the environment's network, where every
 * container is reached by its name (postgres, kafka, smtp and the services),
 * as docker-compose.yml wires them in the peakshop repository.
 */
export function serviceSettings(service: PeakshopService, input: SettingsInput): Record<string, string> {
  const common = {
    KAFKA_BROKERS: "kafka:29092",
    DATABASE_URL: `postgres://peakshop:${input.databasePassword}@postgres:5432/${DATABASES[service]}`,
    LOG_LEVEL: "warn",
  };
  switch (service) {
    case "cart":
      return { ...common, INVENTORY_URL: "http://inventory:3003" };
    case "order":
      return { ...common, PAYMENT_DEADLINE_MS: String(input.paymentDeadlineMs) };
    case "payment":
      return { ...common, BANK_URL: "http://bank-simulator:4000" };
    case "notification":
      return { ...common, SMTP_URL: "smtp://smtp:1025" };
    case "gateway":
      return {
        ...common,
        INVENTORY_URL: "http://inventory:3003",
        CART_URL: "http://cart:3002",
        ORDER_URL: "http://order:3001",
        NOTIFICATION_URL: "http://notification:3005",
        PAYMENT_URL: "http://payment:3004",
        AUTH_MODE: "dev",
        AUTH_DEV_SECRET: input.authDevSecret,
      };
    default:
      return common;
  }
}

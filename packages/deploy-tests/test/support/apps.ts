// What the tests expect of each app, read from the apps themselves (not from
// the chart): HTTP_PORT defaults in apps/<app>/src/config.ts, consumer groups
// (KAFKA_GROUP_ID defaults) and the topics of their @EventPattern handlers.

export interface ExpectedApp {
  /** The app's key in values.yaml. */
  key: string;
  /** Its name: the component label and the suffix of its objects' names. */
  name: string;
  port: number;
  /** Topics it consumes as consumer group `name`; empty for apps that consume none. */
  consumes: string[];
}

export const APPS: readonly ExpectedApp[] = [
  { key: "gateway", name: "gateway", port: 3000, consumes: [] },
  { key: "cart", name: "cart", port: 3002, consumes: [] },
  {
    key: "order",
    name: "order",
    port: 3001,
    consumes: ["cart.checkout.events.v1", "inventory.stock.events.v1", "payment.payment.events.v1"],
  },
  { key: "inventory", name: "inventory", port: 3003, consumes: ["inventory.stock.commands.v1"] },
  { key: "payment", name: "payment", port: 3004, consumes: ["payment.payment.commands.v1"] },
  {
    key: "notification",
    name: "notification",
    port: 3005,
    consumes: ["order.order.events.v1", "payment.payment.events.v1", "payment.bank-gateway.events.v1"],
  },
];

/** Staging and demos only; off by default. */
export const BANK_SIMULATOR: ExpectedApp = {
  key: "bankSimulator",
  name: "bank-simulator",
  port: 4000,
  consumes: [],
};

export const CONSUMERS = APPS.filter((app) => app.consumes.length > 0);

/** The apps with Kafka topics (`topics` in apps/<app>/src/cli.ts): all but the gateway (and the bank simulator). */
export const KAFKA_APPS = APPS.filter((app) => app.key !== "gateway");

export const objectName = (app: ExpectedApp) => `peakshop-${app.name}`;

export function appOf(labels: Record<string, string> | undefined): ExpectedApp {
  const name = labels?.["app.kubernetes.io/component"];
  const app = [...APPS, BANK_SIMULATOR].find((candidate) => candidate.name === name);
  if (!app) throw new Error(`no app with component label ${name}`);
  return app;
}

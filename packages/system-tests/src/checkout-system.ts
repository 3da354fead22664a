import type { INestApplication } from "@nestjs/common";
import { loadBankSimulatorConfig, startBankSimulatorService } from "@peakshop/bank-simulator/app";
import { loadCartConfig, startCartService } from "@peakshop/cart/app";
import { loadInventoryConfig, startInventoryService } from "@peakshop/inventory/app";
import { loadNotificationConfig, startNotificationService } from "@peakshop/notification/app";
import { loadOrderConfig, startOrderService } from "@peakshop/order/app";
import { loadPaymentConfig, startPaymentService } from "@peakshop/payment/app";
import type { testContext } from "@peakshop/testing";
import { NO_BANK_FAULTS, putBankFaults } from "@peakshop/testcontainers";

type Context = ReturnType<typeof testContext>;

export interface CheckoutSystem {
  urls: {
    bank: string;
    inventory: string;
    cart: string;
    order: string;
    payment: string;
    notification: string;
  };
  /** Each service's database, for tests that stage what only time or lag would bring about. */
  databaseUrls: { inventory: string; order: string };
  /** Replaces the bank simulator's faults (its PUT /v1/faults; omitted ones are off); throws unless it took them. */
  setBankFaults(faults: Partial<typeof NO_BANK_FAULTS>): Promise<void>;
  /** Stops the payment service and starts a new instance on the same database (a restart mid-saga). */
  restartPayment(): Promise<void>;
  stop(): Promise<void>;
}

/** The bank simulator's faults, as its PUT /v1/faults replaces them: all off. */
export { NO_BANK_FAULTS };

/** Order's payment deadline in these tests: long enough for a healthy saga on a busy machine, short enough to wait out. */
export const PAYMENT_DEADLINE_MS = 12_000;

/**
 * The settings of a gateway in front of `system` (the gateway app is not a
 * dependency here; its tests and the demo start it with these).
 */
export async function gatewaySettingsFor(
  ctx: Context,
  system: CheckoutSystem,
  overrides: Record<string, string> = {},
): Promise<Record<string, string>> {
  return {
    LOG_LEVEL: "warn",
    HTTP_HOST: "127.0.0.1",
    DATABASE_URL: await ctx.createDatabase(ctx.uniqueName("gateway")),
    INVENTORY_URL: system.urls.inventory,
    CART_URL: system.urls.cart,
    ORDER_URL: system.urls.order,
    NOTIFICATION_URL: system.urls.notification,
    PAYMENT_URL: system.urls.payment,
    AUTH_DEV_SECRET: "a-test-secret-of-at-least-32-characters",
    // The saga backlog gate stays on, far from refusing (its own test lowers it).
    // Systems started in one test run share their topics, and a new system's
    // consumer groups read them from the beginning: the checkouts of every
    // system started before it are its backlog, as old as the run, and a busy
    // CI machine can lag seconds besides. An hour is past any run.
    GATEWAY_SAGA_BACKLOG_TARGET_MS: "3600000",
    ...overrides,
  };
}

const url = async (app: INestApplication) => (await app.getUrl()).replace("[::1]", "127.0.0.1");

/**
 * Every service of the checkout flow, started in this process on the run's
 * real Kafka and PostgreSQL, each with its own database and consumer groups
 * unique to this run, talking to the bank simulator over HTTP.
 */
export interface CheckoutSystemOptions {
  /** Order's payment deadline; PAYMENT_DEADLINE_MS unless a test needs an outage to outlast it less. */
  paymentDeadlineMs?: number;
}

export async function startCheckoutSystem(
  ctx: Context,
  options: CheckoutSystemOptions = {},
): Promise<CheckoutSystem> {
  const common = { KAFKA_BROKERS: ctx.brokers.join(","), LOG_LEVEL: "warn", HTTP_HOST: "127.0.0.1" };
  const database = (name: string) => ctx.createDatabase(ctx.uniqueName(name));
  const group = (name: string) => ctx.uniqueName(name);

  const bank = await startBankSimulatorService(
    loadBankSimulatorConfig({ ...common, DATABASE_URL: await database("bank") }),
    { port: 0 },
  );
  const bankUrl = await url(bank);
  const inventoryDatabase = await database("inventory");
  const inventory = await startInventoryService(
    loadInventoryConfig({
      ...common,
      DATABASE_URL: inventoryDatabase,
      KAFKA_GROUP_ID: group("inventory"),
      RESERVATION_SWEEP_INTERVAL_MS: "500",
    }),
    { port: 0 },
  );
  const inventoryUrl = await url(inventory);
  const cart = await startCartService(
    loadCartConfig({ ...common, DATABASE_URL: await database("cart"), INVENTORY_URL: inventoryUrl }),
    { port: 0 },
  );
  const orderDatabase = await database("order");
  const order = await startOrderService(
    loadOrderConfig({
      ...common,
      DATABASE_URL: orderDatabase,
      KAFKA_GROUP_ID: group("order"),
      PAYMENT_DEADLINE_MS: String(options.paymentDeadlineMs ?? PAYMENT_DEADLINE_MS),
      STOCK_HOLD_MARGIN_MS: "5000",
    }),
    { port: 0 },
  );
  const paymentConfig = loadPaymentConfig({
    ...common,
    DATABASE_URL: await database("payment"),
    KAFKA_GROUP_ID: group("payment"),
    BANK_URL: bankUrl,
    BANK_TIMEOUT_MS: "1000",
    // The tests' slowest simulated bank commits a charge 2.5 s after it arrives.
    BANK_MAX_PROCESSING_MS: "5000",
    BANK_BREAKER_THRESHOLD: "3",
    BANK_BREAKER_HALF_OPEN_MS: "1000",
    RETRY_BASE_DELAY_MS: "100",
    RETRY_MAX_DELAY_MS: "800",
  });
  let payment = await startPaymentService(paymentConfig, { port: 0 });
  const notification = await startNotificationService(
    loadNotificationConfig({
      ...common,
      DATABASE_URL: await database("notification"),
      KAFKA_GROUP_ID: group("notification"),
    }),
    { port: 0 },
  );
  const urls = {
    bank: bankUrl,
    inventory: inventoryUrl,
    cart: await url(cart),
    order: await url(order),
    payment: await url(payment),
    notification: await url(notification),
  };
  return {
    urls,
    databaseUrls: { inventory: inventoryDatabase, order: orderDatabase },
    setBankFaults: (faults) => putBankFaults(bankUrl, faults),
    async restartPayment() {
      await payment.close();
      payment = await startPaymentService(paymentConfig, { port: 0 });
      urls.payment = await url(payment);
    },
    async stop() {
      await Promise.allSettled(
        [cart, order, payment, notification, inventory, bank].map((app) => app.close()),
      );
    },
  };
}

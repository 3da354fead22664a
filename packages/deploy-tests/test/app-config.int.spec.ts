import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { IConfigMap, IService } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { APPS, BANK_SIMULATOR, CONSUMERS, objectName, type ExpectedApp } from "./support/apps";
import { ofKind, render, type Manifest } from "./support/manifests";
import { DEFAULT_VALUES, defaultRender, productionRender, stagingRender } from "./support/renders";

const configOf = (manifests: Manifest[], app: ExpectedApp) =>
  ofKind<IConfigMap>(manifests, "ConfigMap").find((map) => map.metadata?.name === objectName(app))!.data!;
const urlOf = (app: ExpectedApp) => `http://${objectName(app)}.shop.svc.cluster.local:${app.port}`;
const byKey = (key: string) => APPS.find((app) => app.key === key)!;

describe("the apps' settings", () => {
  it("name each app and its consumer group as the apps expect", () => {
    for (const app of APPS) {
      const config = configOf(defaultRender(), app);
      expect(config.SERVICE_NAME).toBe(app.name);
      expect(config.KAFKA_GROUP_ID, app.name).toBe(CONSUMERS.includes(app) ? app.name : undefined);
    }
  });

  it("point at the Services of the apps they call, on those apps' ports", () => {
    const services = new Map(
      ofKind<IService>(stagingRender(), "Service").map((service) => [
        service.metadata?.name,
        service.spec?.ports?.[0]?.port,
      ]),
    );
    const gateway = configOf(stagingRender(), byKey("gateway"));
    for (const [variable, callee] of [
      ["CART_URL", "cart"],
      ["INVENTORY_URL", "inventory"],
      ["ORDER_URL", "order"],
      ["NOTIFICATION_URL", "notification"],
      ["PAYMENT_URL", "payment"],
    ] as const) {
      expect(gateway[variable]).toBe(urlOf(byKey(callee)));
      expect(services.get(objectName(byKey(callee)))).toBe(byKey(callee).port);
    }
    expect(configOf(stagingRender(), byKey("cart")).INVENTORY_URL).toBe(urlOf(byKey("inventory")));
    expect(configOf(stagingRender(), byKey("payment")).BANK_URL).toBe(urlOf(BANK_SIMULATOR));
  });

  it("send payments to the real bank unless the simulator stands in", () => {
    expect(configOf(productionRender(), byKey("payment")).BANK_URL).toBe("https://payments.bank.example.com");
    expect(productionRender().some((manifest) => manifest.metadata.name.includes("bank-simulator"))).toBe(
      false,
    );
  });

  it("verify tokens with the identity provider's keys in production", () => {
    expect(configOf(productionRender(), byKey("gateway"))).toMatchObject({
      AUTH_MODE: "jwks",
      AUTH_JWKS_URL: "https://login.shop.example.com/.well-known/jwks.json",
      AUTH_ISSUER: "https://login.shop.example.com/",
      AUTH_AUDIENCE: "peakshop-api",
    });
  });

  it("carry the apps' own settings, whole numbers as plain digits", () => {
    expect(configOf(productionRender(), byKey("gateway")).GATEWAY_MAX_IN_FLIGHT).toBe("1024");
    // YAML numbers reach the templates as floats; a million must not become 1e+06.
    const file = path.join(mkdtempSync(path.join(tmpdir(), "peakshop-config-")), "values.yaml");
    writeFileSync(file, "order:\n  config:\n    PAYMENT_DEADLINE_MS: 3600000\n");
    const manifests = render({ values: [...DEFAULT_VALUES, file] });
    expect(configOf(manifests, byKey("order")).PAYMENT_DEADLINE_MS).toBe("3600000");
    rmSync(path.dirname(file), { recursive: true });
  });

  it("list the webhooks' URLs and leave their key to a Secret", () => {
    const notification = configOf(stagingRender(), byKey("notification"));
    expect(notification.WEBHOOK_URLS).toBe("https://merchant.example.com/peakshop/notifications");
    expect(notification.WEBHOOK_SECRET).toBeUndefined();
  });
});

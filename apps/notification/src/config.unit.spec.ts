import { ConfigError } from "@peakshop/platform-nest";
import { describe, expect, it } from "vitest";
import { loadNotificationConfig } from "./config";

const base = { DATABASE_URL: "postgres://u:p@localhost:5432/n", KAFKA_BROKERS: "localhost:9092" };

describe("notification config", () => {
  it("has no e-mail or webhooks unless configured", () => {
    const config = loadNotificationConfig(base);
    expect(config).toMatchObject({ HTTP_PORT: 3005, KAFKA_GROUP_ID: "notification", WEBHOOK_URLS: [] });
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.CUSTOMER_EMAIL_TEMPLATE).toBe("{customerId}@customers.peakshop.test");
  });

  it("reads webhook URLs and requires their secret", () => {
    const env = { ...base, WEBHOOK_URLS: "http://a.test/hook, https://b.test/hook" };
    expect(() => loadNotificationConfig(env)).toThrow(/WEBHOOK_SECRET: required when WEBHOOK_URLS is set/);
    expect(() => loadNotificationConfig({ ...env, WEBHOOK_SECRET: "whsec_not base64 at all!" })).toThrow(
      /WEBHOOK_SECRET: a whsec_ secret must be base64/,
    );
    expect(
      loadNotificationConfig({ ...env, WEBHOOK_SECRET: `whsec_${Buffer.alloc(24, 7).toString("base64")}` }),
    ).toBeTruthy();
    expect(loadNotificationConfig({ ...env, WEBHOOK_SECRET: "0123456789abcdef" }).WEBHOOK_URLS).toEqual([
      "http://a.test/hook",
      "https://b.test/hook",
    ]);
  });

  it("names every bad variable at once", () => {
    try {
      loadNotificationConfig({
        ...base,
        SMTP_URL: "http://mail",
        WEBHOOK_URLS: "ftp://x",
        CUSTOMER_EMAIL_TEMPLATE: "a@b",
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((problem) => problem.split(":")[0])).toEqual(
        expect.arrayContaining(["SMTP_URL", "WEBHOOK_URLS.0", "CUSTOMER_EMAIL_TEMPLATE"]),
      );
    }
  });
});

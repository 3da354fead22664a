import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./load-config";
import { serviceConfigSchema } from "./service-config";

const valid = {
  SERVICE_NAME: "order",
  DATABASE_URL: "postgres://u:p@db:5432/order",
  KAFKA_BROKERS: "kafka-1:9092, kafka-2:9092",
};

describe("loadConfig", () => {
  it("parses, coerces and applies defaults", () => {
    const config = loadConfig(serviceConfigSchema, { ...valid, HTTP_PORT: "8080" });
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.KAFKA_BROKERS).toEqual(["kafka-1:9092", "kafka-2:9092"]);
    expect(config.LOG_LEVEL).toBe("info");
    expect(config.SHUTDOWN_TIMEOUT_MS).toBe(25_000);
  });

  it("names every bad variable at once", () => {
    const attempt = () =>
      loadConfig(serviceConfigSchema, { SERVICE_NAME: "x", DATABASE_URL: "mysql://db", HTTP_PORT: "99999" });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join("\n");
      expect(problems).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
      expect(problems).toMatch(/KAFKA_BROKERS/);
      expect(problems).toMatch(/HTTP_PORT/);
    }
  });
});

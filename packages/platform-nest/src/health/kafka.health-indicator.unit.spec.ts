import { HealthIndicatorService } from "@nestjs/terminus";
import { describe, expect, it } from "vitest";
import { KafkaPort } from "../kafka/kafka.port";
import { KafkaHealthIndicator, PUBLISH_FAILING_UNREADY_MS } from "./kafka.health-indicator";

/** A cluster that answers metadata requests while publishes fail for `failingForMs`. */
function clusterWhosePublishesFailFor(failingForMs: number): KafkaPort {
  return {
    publish: () => Promise.reject(new Error("not used")),
    ensureTopics: () => Promise.resolve(),
    describeTopics: () => Promise.resolve([]),
    publishFailingForMs: () => failingForMs,
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

const readiness = (failingForMs: number) =>
  new KafkaHealthIndicator(
    clusterWhosePublishesFailFor(failingForMs),
    new HealthIndicatorService(),
  ).isHealthy();

describe("Kafka readiness", () => {
  it("given publishes that work, when the cluster answers, then the service is ready", async () => {
    expect(await readiness(0)).toEqual({ kafka: { status: "up" } });
  });

  it("given publishes failing briefly (a broker restart), then the service stays ready", async () => {
    expect(await readiness(PUBLISH_FAILING_UNREADY_MS - 1)).toEqual({ kafka: { status: "up" } });
  });

  it("given publishes failing longer although the cluster answers, then the service is not ready, and says why", async () => {
    expect(await readiness(PUBLISH_FAILING_UNREADY_MS + 5_000)).toEqual({
      kafka: { status: "down", message: "publishes to Kafka have failed or gone unanswered for 35 s" },
    });
  });
});

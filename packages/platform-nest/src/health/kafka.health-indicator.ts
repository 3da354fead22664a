import { Injectable } from "@nestjs/common";
import { HealthIndicatorService } from "@nestjs/terminus";
import { KafkaPort } from "../kafka/kafka.port";

const PING_TIMEOUT_MS = 3_000;
/**
 * Publishes failing this long make the service unready even when the cluster
 * answers metadata requests: its outbox is not draining, so operators must see
 * it. Shorter failures are a broker restart or leader election, waited out.
 */
export const PUBLISH_FAILING_UNREADY_MS = 30_000;

@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly kafka: KafkaPort,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isHealthy(key = "kafka") {
    const indicator = this.indicators.check(key);
    try {
      await withTimeout(this.kafka.ping(), PING_TIMEOUT_MS);
      const failingForMs = this.kafka.publishFailingForMs();
      if (failingForMs > PUBLISH_FAILING_UNREADY_MS)
        return indicator.down({
          message: `publishes to Kafka have failed or gone unanswered for ${Math.round(failingForMs / 1000)} s`,
        });
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

import { Controller, Get, Optional } from "@nestjs/common";
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from "@nestjs/terminus";
import { KafkaHealthIndicator } from "./kafka.health-indicator";

@Controller("health")
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    // Absent in services that do not use Kafka.
    @Optional() private readonly kafka?: KafkaHealthIndicator,
  ) {}

  /** Alive means the event loop answers; dependencies are readiness, not liveness. */
  @Get("live")
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get("ready")
  @HealthCheck()
  ready() {
    const kafka = this.kafka;
    return this.health.check([
      () => this.database.pingCheck("database", { timeout: 3_000 }),
      ...(kafka ? [() => kafka.isHealthy("kafka")] : []),
    ]);
  }
}

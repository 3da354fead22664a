import { Body, Controller, Get, HttpCode, Inject, Post } from "@nestjs/common";
import { KafkaPort, parseRequest, SERVICE_CONFIG, type ServiceConfig } from "@peakshop/platform-nest";
import { z } from "zod";
import { listDeadLetters, replayDeadLetters } from "../cli/dead-letters";

export const DEAD_LETTER_CONSUMER = Symbol("DEAD_LETTER_CONSUMER");

const replayBody = z
  .object({
    /** `partition:offset` of the dead-letter topic; all of them when absent. */
    positions: z
      .array(z.string().regex(/^\d+:\d+$/, "partition:offset"))
      .min(1)
      .max(1_000)
      .optional(),
  })
  .strict();

/**
 * Internal: the service's dead letters, and their replay, over HTTP for the
 * operator console (through the gateway's admin API). The same functions as
 * the `dead-letters` CLI, so both always agree.
 */
@Controller("v1/dead-letters")
export class DeadLettersController {
  constructor(
    @Inject(DEAD_LETTER_CONSUMER) private readonly consumer: string,
    @Inject(SERVICE_CONFIG) private readonly config: Partial<ServiceConfig>,
    @Inject(KafkaPort) private readonly kafka: KafkaPort,
  ) {}

  @Get()
  async list() {
    return { consumer: this.consumer, deadLetters: await listDeadLetters(this.brokers(), this.consumer) };
  }

  @Post("replay")
  @HttpCode(200)
  async replay(@Body() input: unknown) {
    const { positions } = parseRequest(replayBody, input ?? {}, "body");
    const replayed = await replayDeadLetters(this.brokers(), this.kafka, this.consumer, positions);
    return { consumer: this.consumer, replayed };
  }

  private brokers(): string[] {
    return this.config.KAFKA_BROKERS ?? [];
  }
}

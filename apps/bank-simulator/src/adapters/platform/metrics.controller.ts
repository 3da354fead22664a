import { Controller, Get, Header } from "@nestjs/common";
import { collectDefaultMetrics, Registry } from "prom-client";

/** One registry per service instance, labelled with the service name (as platform-nest's). */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

@Controller("metrics")
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}

import { Controller, Get } from "@nestjs/common";
import type { SagaBacklog } from "../../application/saga-backlog";
import { SagaBacklogMonitor } from "../metrics/saga-backlog.monitor";

/** For the gateway's checkout admission (not public: the gateway routes no path here). */
@Controller("v1/saga/backlog")
export class SagaBacklogController {
  constructor(private readonly monitor: SagaBacklogMonitor) {}

  @Get()
  get(): Promise<SagaBacklog> {
    return this.monitor.read();
  }
}

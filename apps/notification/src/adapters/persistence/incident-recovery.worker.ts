import { Inject, Injectable } from "@nestjs/common";
import { PollingWorker, SERVICE_CONFIG } from "@peakshop/platform-nest";
import { DataSource } from "typeorm";
import { RecordCircuitReportHandler } from "../../application/record-circuit-report.handler";
import type { NotificationConfig } from "../../config";

/**
 * Ends a payment incident once payments stayed up for INCIDENT_QUIET_MS: no
 * report arrives to say "still up", so time has to. Checks a few times per
 * quiet period (at most every 5 s); replicas take turns on the status row.
 */
@Injectable()
export class IncidentRecoveryWorker extends PollingWorker {
  constructor(
    private readonly dataSource: DataSource,
    private readonly handler: RecordCircuitReportHandler,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {
    super();
  }

  protected idleDelayMs(): number {
    return Math.min(5_000, Math.max(100, Math.floor(this.config.INCIDENT_QUIET_MS / 4)));
  }

  protected async round(): Promise<number> {
    await this.dataSource.transaction((manager) =>
      this.handler.endIncidentIfQuiet(manager, new Date(), this.config.INCIDENT_QUIET_MS),
    );
    return 0;
  }
}

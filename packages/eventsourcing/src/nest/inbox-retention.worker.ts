import { Inject, Injectable } from "@nestjs/common";
import { SERVICE_CONFIG, SweepWorker, type ServiceConfig } from "@peakshop/platform-nest";
import { DataSource } from "typeorm";
import { purgeInbox } from "../inbox/inbox-retention";

/** Keeps the inbox the size of INBOX_RETENTION_HOURS of messages: without it, it grows by every message ever consumed. */
@Injectable()
export class InboxRetentionWorker extends SweepWorker {
  protected override readonly batchSize = 5_000;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<ServiceConfig, "INBOX_RETENTION_HOURS">,
  ) {
    super();
  }

  protected sweep(limit: number): Promise<number> {
    const handledBefore = new Date(Date.now() - this.config.INBOX_RETENTION_HOURS * 3_600_000);
    return purgeInbox(this.dataSource, handledBefore, limit);
  }
}

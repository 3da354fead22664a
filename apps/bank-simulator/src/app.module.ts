import { Module, type DynamicModule } from "@nestjs/common";
import { PlatformModule } from "@peakshop/platform-nest";
import { ChargesController } from "./adapters/http/charges.controller";
import { FaultInjector, RANDOM_SOURCE } from "./adapters/http/fault-injector";
import { FaultsController } from "./adapters/http/faults.controller";
import { FaultsInterceptor } from "./adapters/http/faults.interceptor";
import { LedgerController } from "./adapters/http/ledger.controller";
import { RefundsController } from "./adapters/http/refunds.controller";
import { BankChargeEntity } from "./adapters/persistence/bank-charge.entity";
import { BankRefundEntity } from "./adapters/persistence/bank-refund.entity";
import { CreateBankLedger1764090000000 } from "./adapters/persistence/migrations/1764090000000-create-bank-ledger";
import { PostgresBankLedger } from "./adapters/persistence/postgres-bank-ledger";
import { BankMetrics } from "./adapters/metrics/bank.metrics";
import { BankLedgerStore } from "./application/bank-ledger.port";
import { CreateChargeHandler } from "./application/create-charge.handler";
import { CreateRefundHandler } from "./application/create-refund.handler";
import { FindChargeHandler } from "./application/find-charge.handler";
import { ReadLedgerHandler } from "./application/read-ledger.handler";
import type { BankSimulatorConfig } from "./config";
import type { RandomSource } from "./domain/faults";

export const BANK_ENTITIES = [BankChargeEntity, BankRefundEntity];
export const BANK_MIGRATIONS = [CreateBankLedger1764090000000];

export interface BankSimulatorSettings {
  /** What fault decisions draw from; tests pass a fixed source. Default Math.random. */
  random?: RandomSource;
}

@Module({})
export class BankSimulatorModule {
  static forRoot(config: BankSimulatorConfig, settings: BankSimulatorSettings = {}): DynamicModule {
    return {
      module: BankSimulatorModule,
      // No KAFKA_BROKERS in its config: the platform gives it no Kafka client and checks no broker.
      imports: [PlatformModule.forRoot(config, { entities: BANK_ENTITIES, migrations: BANK_MIGRATIONS })],
      controllers: [ChargesController, RefundsController, LedgerController, FaultsController],
      providers: [
        { provide: RANDOM_SOURCE, useValue: settings.random ?? Math.random },
        { provide: BankLedgerStore, useClass: PostgresBankLedger },
        BankMetrics,
        FaultInjector,
        FaultsInterceptor,
        CreateChargeHandler,
        FindChargeHandler,
        CreateRefundHandler,
        ReadLedgerHandler,
      ],
    };
  }
}

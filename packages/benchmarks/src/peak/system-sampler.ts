import { bucketsOf, parsePrometheusText, sumOf, type Buckets, type Sample } from "./prometheus-text";
import type { TableRows } from "./table-rows";

export interface ServiceEndpoint {
  name: string;
  url: string;
}

/** One reading of every service's /metrics, taken once a second during a run. */
export interface SystemSample {
  /** Seconds since the run started. */
  t: number;
  /** Messages behind, summed per consumer group. */
  lagByGroup: Record<string, number>;
  /** Rows waiting in each service's outbox. */
  outboxByService: Record<string, number>;
  /** Orders that reached a final status, as the order service counts them. */
  ordersFinished: number;
  /** Resident memory per service, from its process metrics. */
  rssBytesByService: Record<string, number>;
  /** Rows of the tables that must stay bounded ("order es_inbox"), when the database is reachable. */
  tableRows: Record<string, number>;
}

const SCRAPE_TIMEOUT_MS = 2_000;

/**
 * Reads the services' own metrics (peakshop_consumer_lag,
 * peakshop_outbox_pending, peakshop_orders_finished_total, process RSS) on a
 * fixed period (2 s: scrapes read some gauges from the database, so more often
 * would load the system under test), so backlog and memory over time come from what operators see.
 */
export class SystemSampler {
  readonly samples: SystemSample[] = [];
  private timer?: NodeJS.Timeout;
  private readonly started = performance.now();

  constructor(
    private readonly services: readonly ServiceEndpoint[],
    private readonly tables?: TableRows,
  ) {}

  start(periodMs = 2_000): void {
    const tick = async () => {
      this.samples.push(await this.sample());
      if (this.timer) this.timer = setTimeout(tick, periodMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The order service's finished-orders counter now (one scrape of that service only). */
  async ordersFinished(): Promise<number> {
    const orders = this.services.filter((service) => serviceOf(service.name) === "order");
    const counts = await Promise.all(
      orders.map(async (order) => sumOf(await scrape(order.url), "peakshop_orders_finished_total")),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /** The gateway's refusal-duration histogram now, every reason and gateway summed (seconds). */
  async gatewayRefusals(): Promise<Buckets> {
    const gateways = this.services.filter((service) => serviceOf(service.name) === "gateway");
    const scraped = (await Promise.all(gateways.map((gateway) => scrape(gateway.url)))).flat();
    return bucketsOf(scraped, "peakshop_gateway_admission_refusal_duration_seconds");
  }

  async sample(): Promise<SystemSample> {
    const [scraped, tableRows] = await Promise.all([
      Promise.all(this.services.map(async (service) => ({ service, samples: await scrape(service.url) }))),
      this.tables?.read().catch(() => ({})) ?? {},
    ]);
    const sample: SystemSample = {
      t: (performance.now() - this.started) / 1000,
      lagByGroup: {},
      outboxByService: {},
      ordersFinished: 0,
      rssBytesByService: {},
      tableRows,
    };
    for (const { service, samples } of scraped) {
      for (const lag of samples.filter((s) => s.name === "peakshop_consumer_lag")) {
        const group = lag.labels["group"] ?? service.name;
        sample.lagByGroup[group] =
          (sample.lagByGroup[group] ?? 0) + (Number.isNaN(lag.value) ? 0 : lag.value);
      }
      // Replicas read the same outbox table: one figure per service.
      if (samples.some((s) => s.name === "peakshop_outbox_pending"))
        sample.outboxByService[serviceOf(service.name)] = Math.max(
          sample.outboxByService[serviceOf(service.name)] ?? 0,
          sumOf(samples, "peakshop_outbox_pending"),
        );
      sample.ordersFinished += sumOf(samples, "peakshop_orders_finished_total");
      sample.rssBytesByService[service.name] = sumOf(samples, "process_resident_memory_bytes");
    }
    return sample;
  }
}

/** "order-2" (a replica) is the order service. */
const serviceOf = (name: string) => name.replace(/-\d+$/, "");

async function scrape(url: string): Promise<Sample[]> {
  try {
    const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS) });
    return response.ok ? parsePrometheusText(await response.text()) : [];
  } catch {
    return [];
  }
}

/** Each service's CPU seconds so far, from process_cpu_seconds_total. */
export async function processCpuSeconds(
  services: readonly ServiceEndpoint[],
): Promise<Record<string, number>> {
  const entries = await Promise.all(
    services.map(async (service) => [
      service.name,
      sumOf(await scrape(service.url), "process_cpu_seconds_total"),
    ]),
  );
  return Object.fromEntries(entries);
}

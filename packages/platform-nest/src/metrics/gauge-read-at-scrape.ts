import { Logger } from "@nestjs/common";
import { Gauge, type LabelValues, type Registry } from "prom-client";

export interface Reading<Label extends string> {
  labels: LabelValues<Label>;
  value: number;
}

export interface GaugeReadAtScrapeOptions<Label extends string> {
  name: string;
  help: string;
  labelNames?: readonly Label[];
  /** Label sets reported as 0 when a read has no value for them, so dashboards never see a gap. */
  zeroSeries?: readonly LabelValues<Label>[];
  /** The current value(s), read at each scrape (typically one cheap query). */
  read(): Promise<number | readonly Reading<Label>[]>;
  /** A scrape waits this long for the read at most, then reports the last values (default 2 s). */
  timeoutMs?: number;
}

/**
 * A gauge whose value is read at scrape time, so it cannot drift from its
 * source. A failing or slow read must not break /metrics: the scrape then
 * reports the last values read (NaN before the first success) and the failure
 * is logged once, not at every scrape. A read still running when the next
 * scrape comes is awaited instead of started again, so a hung database costs
 * one connection, not one per scrape.
 */
export function gaugeReadAtScrape<Label extends string = string>(
  registry: Registry,
  options: GaugeReadAtScrapeOptions<Label>,
): Gauge<Label> {
  const logger = new Logger("Metrics");
  const timeoutMs = options.timeoutMs ?? 2_000;
  let inFlight: Promise<number | readonly Reading<Label>[]> | undefined;
  let failing = false;
  let everRead = false;

  function show(gauge: Gauge<Label>, readings: number | readonly Reading<Label>[]): void {
    gauge.reset();
    for (const labels of options.zeroSeries ?? []) gauge.set(labels, 0);
    if (typeof readings === "number") gauge.set(readings);
    else for (const { labels, value } of readings) gauge.set(labels, value);
  }

  return new Gauge<Label>({
    name: options.name,
    help: options.help,
    labelNames: options.labelNames ?? [],
    registers: [registry],
    async collect() {
      inFlight ??= options.read().finally(() => (inFlight = undefined));
      try {
        show(this, await withTimeout(inFlight, timeoutMs, options.name));
        everRead = true;
        if (failing) logger.log(`${options.name}: reading again`);
        failing = false;
      } catch (error) {
        if (!failing) logger.warn({ err: error }, `${options.name}: read failed; reporting the last value`);
        failing = true;
        if (!everRead) show(this, options.zeroSeries?.length ? options.zeroSeries.map(notANumber) : NaN);
      }
    },
  });
}

const notANumber = <Label extends string>(labels: LabelValues<Label>): Reading<Label> => ({
  labels,
  value: NaN,
});

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} not read within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

import { quantile } from "../stats";
import type { PlotPoint } from "./load-plot";
import { keptUp, type PhaseResult } from "./load-steps";
import type { PeakBenchmarkResult } from "./peak-benchmark";

export interface ReportContext {
  machine: string;
  date: string;
  reproduce: string;
  /** Hand-written profile findings and what each change gained, appended as they are. */
  findings?: string;
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : "n/a");
const num = (value: number | undefined, digits = 1) =>
  value === undefined || !Number.isFinite(value) ? "n/a" : value.toFixed(digits);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ratio = (value: number | undefined, base: number | undefined) =>
  value === undefined || !base ? "n/a" : (value / base).toFixed(3);

/** Every phase as a point of the plot: offered, accepted and completed rates, accept p99. */
export function plotPoints(result: PeakBenchmarkResult): PlotPoint[] {
  const point = (phase: PhaseResult, label: string): PlotPoint => ({
    offered: phase.ratePerSecond,
    accepted: phase.accepted / phase.durationS,
    completed: phase.completedPerSecond,
    acceptP99Ms: phase.acceptMs.p99,
    label,
  });
  return [
    ...result.steps.map((step) => point(step, `step ${step.ratePerSecond}/s`)),
    ...(result.hold ? [point(result.hold.phase, "hold")] : []),
    ...(result.overload ? [point(result.overload, "overload")] : []),
  ];
}

/** The report of one `pnpm bench:peak` run, in Markdown. */
export function peakReport(result: PeakBenchmarkResult, context: ReportContext): string {
  const { baselines, hold, knee, overload } = result;
  const lines: string[] = [
    `# Peak throughput (pnpm bench:peak)`,
    "",
    `Run ${result.run} on ${context.date}. Machine: ${context.machine}.`,
    `Reproduce: ${context.reproduce}`,
    "",
    "## Summary",
    "",
    "| figure | measured | target (issue) |",
    "| --- | --- | --- |",
    `| sustained complete sagas/s (hold at ${hold ? hold.phase.ratePerSecond : "n/a"}/s) | ${num(hold?.phase.completedPerSecond)} | ≥ 300 |`,
    `| knee of the step load (offered/s) | ${knee?.ratePerSecond ?? "none kept up"} | |`,
    `| accept p99 at the hold | ${ms(hold?.phase.acceptMs.p99 ?? Number.NaN)} | ≤ 50 ms |`,
    `| checkout-to-final p99 at the hold | ${ms(quantile(hold?.checkoutToFinalMs ?? [], 0.99))} | ≤ 1 s |`,
    `| checkout-to-final p50 at low load | ${ms(quantile(result.lowLoad.checkoutToFinalMs, 0.5))} | ≤ 250 ms |`,
    `| past capacity: refusal p99 at the gateway / at the load generator; accepted p99 | ${overload ? `${gatewayRefusalP99(overload)} / ${ms(overload.refusalMs.p99)}; ${ms(overload.acceptMs.p99)}` : "not run"} | ≤ 10 ms at the gateway; bounded |`,
    ...result.invariants.map(
      (check) => `| ${check.id} | ${check.ok ? "holds" : "**BROKEN**"}: ${check.detail} | holds |`,
    ),
    "",
    `Orders accepted: ${result.orders.accepted}; final statuses: ${Object.entries(result.orders.byStatus)
      .map(([status, count]) => `${status} ${count}`)
      .join(", ")}.`,
    "",
    "## Raw baselines (same run) and ratios",
    "",
    "| baseline | rate/s | stage compared | ratio |",
    "| --- | --- | --- | --- |",
    `| PostgreSQL one-row commits | ${num(baselines.postgresCommitsPerSecond, 0)} | database commits/s during the hold | ${ratio(hold && hold.cost.postgresCommits !== undefined ? hold.cost.postgresCommits / holdSeconds(hold) : undefined, baselines.postgresCommitsPerSecond)} |`,
    `| kafkajs produce (acks=all) | ${num(baselines.kafkaProducePerSecond, 0)} | Kafka messages/s during the hold | ${ratio(hold && hold.cost.kafkaMessages !== undefined ? hold.cost.kafkaMessages / holdSeconds(hold) : undefined, baselines.kafkaProducePerSecond)} |`,
    `| kafkajs consume | ${num(baselines.kafkaConsumePerSecond, 0)} | Kafka messages/s during the hold (each consumed once or more) | ${ratio(hold && hold.cost.kafkaMessages !== undefined ? hold.cost.kafkaMessages / holdSeconds(hold) : undefined, baselines.kafkaConsumePerSecond)} |`,
    `| empty Fastify route | ${num(baselines.emptyRoutePerSecond, 0)} | gateway requests/s at the knee (2 per checkout) | ${ratio(knee ? (2 * knee.accepted) / knee.durationS : undefined, baselines.emptyRoutePerSecond)} |`,
    "",
    "## Low load",
    "",
    `${result.lowLoad.checkoutToFinalMs.length} checkouts, one at a time per client: accept p50 ${ms(quantile(result.lowLoad.acceptMs, 0.5))}, p99 ${ms(quantile(result.lowLoad.acceptMs, 0.99))}; checkout to final p50 ${ms(quantile(result.lowLoad.checkoutToFinalMs, 0.5))}, p99 ${ms(quantile(result.lowLoad.checkoutToFinalMs, 0.99))}.`,
    "",
    "## Step load (open model)",
    "",
    "![throughput and latency against offered load](peak.svg)",
    "",
    "| offered/s | offered | accepted | refused | failed | accept p50 | p99 | p99.9 | completed/s | backlog slope/s | kept up |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...[...result.steps, ...(hold ? [hold.phase] : []), ...(overload ? [overload] : [])].map(
      (phase) =>
        `| ${phase.ratePerSecond}${phase === hold?.phase ? " (hold)" : phase === overload ? " (overload)" : ""} | ${phase.offered} | ${phase.accepted} | ${phase.refused} | ${phase.failed} | ${ms(phase.acceptMs.p50)} | ${ms(phase.acceptMs.p99)} | ${ms(phase.acceptMs.p999)} | ${num(phase.completedPerSecond)} | ${num(phase.backlogSlopePerSecond)} | ${result.steps[0] && keptUp(phase, result.steps[0]) ? "yes" : "no"} |`,
    ),
    "",
  ];
  if (hold) lines.push(...holdSection(result, hold));
  if (overload)
    lines.push(
      "## Past capacity",
      "",
      `Offered ${overload.ratePerSecond}/s for ${overload.durationS} s: ${overload.accepted} accepted (p99 ${ms(overload.acceptMs.p99)}), ${overload.refused} refused with 503/429 (p50 ${ms(overload.refusalMs.p50)}, p99 ${ms(overload.refusalMs.p99)}, max ${ms(overload.refusalMs.max)}, as the load generator saw them), ${overload.failed} failed.`,
      "",
      ...(overload.gatewayRefusals
        ? [
            `The gateway's own timing of its refusals (\`peakshop_gateway_admission_refusal_duration_seconds\`, from arrival to the answer written): ${overload.gatewayRefusals.count} refusals, ${overload.gatewayRefusals.within10Ms} of them within 10 ms, p99 ${gatewayRefusalP99(overload)}. The load generator shares the two cores and waits its turn behind the weighted containers, so its figure adds its own scheduling delay.`,
            "",
          ]
        : []),
    );
  lines.push(...backlogSection(result), ...boundedStateSection(result));
  if (context.findings) lines.push(context.findings.trim(), "");
  return lines.join("\n");
}

const holdSeconds = (hold: NonNullable<PeakBenchmarkResult["hold"]>) =>
  hold.phase.durationS + hold.drainedAfterMs / 1000;

function holdSection(result: PeakBenchmarkResult, hold: NonNullable<PeakBenchmarkResult["hold"]>): string[] {
  const perSaga = (value: number | undefined) =>
    value === undefined ? "n/a" : (value / hold.sagas).toFixed(1);
  // A container that stopped during the hold cannot be read (NaN): listed, left out of the total.
  const cpu = Object.entries(hold.cost.cpuSeconds).sort(([, a], [, b]) => (b || 0) - (a || 0));
  const totalCpu = cpu.reduce((sum, [, seconds]) => sum + (Number.isFinite(seconds) ? seconds : 0), 0);
  const peakRss: Record<string, number> = {};
  for (const sample of result.samples)
    for (const [service, bytes] of Object.entries(sample.rssBytesByService))
      peakRss[service] = Math.max(peakRss[service] ?? 0, bytes);
  return [
    `## The hold: ${hold.phase.ratePerSecond}/s for ${hold.phase.durationS} s`,
    "",
    `${hold.sagas} sagas; completed ${num(hold.phase.completedPerSecond)}/s in steady state; all finished ${(hold.drainedAfterMs / 1000).toFixed(1)} s after the last arrival. Checkout to final p50 ${ms(quantile(hold.checkoutToFinalMs, 0.5))}, p99 ${ms(quantile(hold.checkoutToFinalMs, 0.99))}, max ${ms(Math.max(...hold.checkoutToFinalMs))}.`,
    "",
    `Per saga: ${perSaga(hold.cost.kafkaMessages)} Kafka messages, ${perSaga(hold.cost.postgresCommits)} PostgreSQL commits, ${((totalCpu * 1000) / hold.sagas).toFixed(1)} ms of CPU in all (${result.perContainer ? "per container from cgroups; the Docker engine (health checks' docker exec) from /proc" : "per service process"}).`,
    "",
    "| where | CPU ms per saga | share | memory at the end | peak RSS (process) |",
    "| --- | --- | --- | --- | --- |",
    ...cpu.map(
      ([name, seconds]) =>
        `| ${name} | ${Number.isFinite(seconds) ? ((seconds * 1000) / hold.sagas).toFixed(2) : "n/a (stopped)"} | ${Number.isFinite(seconds) ? ((100 * seconds) / totalCpu).toFixed(0) : "n/a"}% | ${hold.cost.memoryBytes[name] !== undefined ? mib(hold.cost.memoryBytes[name]!) : "n/a"} | ${peakRss[name] ? mib(peakRss[name]!) : "n/a"} |`,
    ),
    "",
  ];
}

function backlogSection(result: PeakBenchmarkResult): string[] {
  const every = Math.max(1, Math.ceil(result.samples.length / 40));
  const groups = [...new Set(result.samples.flatMap((s) => Object.keys(s.lagByGroup)))].sort();
  const services = [...new Set(result.samples.flatMap((s) => Object.keys(s.outboxByService)))].sort();
  return [
    "## Consumer lag and outbox backlog over time",
    "",
    `| t (s) | ${groups.map((g) => `lag ${g}`).join(" | ")} | ${services.map((s) => `outbox ${s}`).join(" | ")} |`,
    `| --- | ${[...groups, ...services].map(() => "---").join(" | ")} |`,
    ...result.samples
      .filter((_, index) => index % every === 0)
      .map(
        (s) =>
          `| ${s.t.toFixed(0)} | ${groups.map((g) => s.lagByGroup[g] ?? 0).join(" | ")} | ${services.map((name) => s.outboxByService[name] ?? 0).join(" | ")} |`,
      ),
    "",
  ];
}

/**
 * Whether state stays bounded: rows of the tables that retention or the relay
 * must keep in check, and each service's resident memory, at five points of
 * the run (a soak is one long hold, so a climb shows as a rising row).
 */
function boundedStateSection(result: PeakBenchmarkResult): string[] {
  const samples = result.samples;
  if (samples.length === 0) return [];
  const points = [0, 0.25, 0.5, 0.75, 1].map((at) => samples[Math.round(at * (samples.length - 1))]!);
  const tables = [...new Set(samples.flatMap((sample) => Object.keys(sample.tableRows)))].sort();
  const services = [...new Set(samples.flatMap((sample) => Object.keys(sample.rssBytesByService)))].sort();
  return [
    "## Bounded state over the run",
    "",
    "Rows from PostgreSQL's statistics (estimates); memory is each process's resident set.",
    "",
    `| what | ${points.map((point) => `t=${point.t.toFixed(0)} s`).join(" | ")} | max |`,
    `| --- | ${points.map(() => "---").join(" | ")} | --- |`,
    ...tables.map(
      (table) =>
        `| ${table} rows | ${points.map((point) => point.tableRows[table] ?? "n/a").join(" | ")} | ${Math.max(...samples.map((sample) => sample.tableRows[table] ?? 0))} |`,
    ),
    ...services.map(
      (service) =>
        `| ${service} memory | ${points.map((point) => mibOrNa(point.rssBytesByService[service])).join(" | ")} | ${mibOrNa(Math.max(...samples.map((sample) => sample.rssBytesByService[service] ?? 0)))} |`,
    ),
    "",
  ];
}

const mibOrNa = (bytes: number | undefined) => (bytes ? mib(bytes) : "n/a");

/** "≤ 5 ms": a histogram bounds the p99 by its bucket; "none" without refusals, "n/a" without the metric. */
function gatewayRefusalP99(phase: PhaseResult): string {
  const refusals = phase.gatewayRefusals;
  if (!refusals) return "n/a";
  if (refusals.count === 0) return "none";
  return Number.isFinite(refusals.p99AtMostMs) ? `≤ ${ms(refusals.p99AtMostMs)}` : "> 1 s";
}

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { loadPlotSvg } from "./load-plot";
import { runPeakBenchmark, type PeakBenchmarkOptions } from "./peak-benchmark";
import { peakReport, plotPoints } from "./peak-report";
import type { ServiceEndpoint } from "./system-sampler";

// `pnpm bench:peak`: against the system `bash scripts/up.sh` started. Writes
// reports/bench/peak.{md,json,svg}; exit code 1 when an invariant broke, 2 when
// the system could not be reached.
const env = process.env;
const local = (port: string, fallback: number) => `http://127.0.0.1:${env[port] ?? fallback}`;
// Replicas (PEAKSHOP_SCALE) publish on a port range, e.g. "3101-3102": order, order-2.
const replicas = (name: string, port: string, fallback: number): ServiceEndpoint[] => {
  const [first, last] = (env[port] ?? String(fallback)).split("-").map(Number) as [number, number?];
  return Array.from({ length: (last ?? first) - first + 1 }, (_, i) => ({
    name: i === 0 ? name : `${name}-${i + 1}`,
    url: `http://127.0.0.1:${first + i}`,
  }));
};
const list = (value: string) =>
  value
    .split(",")
    .map(Number)
    .filter((n) => n > 0);
const repoRoot = resolve(__dirname, "../../../..");
const reportDir = env["PEAKSHOP_REPORT_DIR"] ?? join(repoRoot, "reports/bench");

const options: PeakBenchmarkOptions = {
  gatewayUrl: env["PEAKSHOP_GATEWAY_URL"] ?? local("PEAKSHOP_GATEWAY_PORT", 3000),
  bankUrl: env["PEAKSHOP_BANK_URL"] ?? local("PEAKSHOP_BANK_SIMULATOR_PORT", 4000),
  devSecret: env["PEAKSHOP_AUTH_DEV_SECRET"] ?? "local-development-only-signing-key-0001",
  services: [
    { name: "gateway", url: local("PEAKSHOP_GATEWAY_PORT", 3000) },
    ...replicas("order", "PEAKSHOP_ORDER_PORT", 3001),
    ...replicas("cart", "PEAKSHOP_CART_PORT", 3002),
    ...replicas("inventory", "PEAKSHOP_INVENTORY_PORT", 3003),
    ...replicas("payment", "PEAKSHOP_PAYMENT_PORT", 3004),
    ...replicas("notification", "PEAKSHOP_NOTIFICATION_PORT", 3005),
  ],
  composeProject: env["COMPOSE_PROJECT_NAME"] ?? "peakshop",
  postgresUrl:
    env["PEAKSHOP_POSTGRES_URL"] ??
    `postgres://peakshop:${env["PEAKSHOP_POSTGRES_PASSWORD"] ?? "peakshop-local"}@127.0.0.1:${env["PEAKSHOP_POSTGRES_PORT"] ?? 5432}/peakshop`,
  kafkaBrokers: (env["PEAKSHOP_KAFKA_BROKERS"] ?? `127.0.0.1:${env["PEAKSHOP_KAFKA_PORT"] ?? 9092}`).split(
    ",",
  ),
  steps: list(env["BENCH_PEAK_STEPS"] ?? "10,15,20,25,30,40,50,60,80,100,150,200,300,400,500"),
  stepSeconds: Number(env["BENCH_PEAK_STEP_SECONDS"] ?? 15),
  holdFraction: Number(env["BENCH_PEAK_HOLD_FRACTION"] ?? 0.8),
  holdSeconds: Number(env["BENCH_PEAK_HOLD_SECONDS"] ?? 60),
  holdRate: env["BENCH_PEAK_HOLD_RATE"] ? Number(env["BENCH_PEAK_HOLD_RATE"]) : undefined,
  overloadFactor: Number(env["BENCH_PEAK_OVERLOAD_FACTOR"] ?? 2),
  overloadSeconds: Number(env["BENCH_PEAK_OVERLOAD_SECONDS"] ?? 15),
  lowLoad: { clients: 4, orders: Number(env["BENCH_PEAK_LOW_ORDERS"] ?? 100) },
  skuCount: Number(env["BENCH_PEAK_SKUS"] ?? 10),
  drainTimeoutMs: Number(env["BENCH_PEAK_DRAIN_TIMEOUT_MS"] ?? 300_000),
  baselineScale: { messages: 20_000, requests: 20_000, postgresClients: 16 },
  say: (line) => console.log(line),
};

async function main(): Promise<number> {
  const ready = await fetch(`${options.gatewayUrl}/health/ready`, {
    signal: AbortSignal.timeout(5_000),
  }).catch(() => undefined);
  if (!ready?.ok) {
    console.error(
      `The gateway does not answer at ${options.gatewayUrl}. Start the system first: bash scripts/up.sh`,
    );
    return 2;
  }
  const result = await runPeakBenchmark(options);
  const findingsFile = join(repoRoot, "packages/benchmarks/peak-findings.md");
  const cpu = cpus();
  const markdown = peakReport(result, {
    machine: `${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown"}), ${Math.round(totalmem() / 2 ** 30)} GiB; every service, Kafka and PostgreSQL on it, with the load generator`,
    date: new Date().toISOString().slice(0, 10),
    reproduce:
      "`bash scripts/up.sh`, then `pnpm bench:peak` (BENCH_PEAK_* variables in packages/benchmarks/README.md)",
    findings: existsSync(findingsFile) ? readFileSync(findingsFile, "utf8") : undefined,
  });
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(join(reportDir, "peak.md"), markdown);
  writeFileSync(join(reportDir, "peak.json"), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(
    join(reportDir, "peak.svg"),
    loadPlotSvg(plotPoints(result), "peakshop under an open-model step load"),
  );
  console.log(`report: ${join(reportDir, "peak.md")}`);
  for (const check of result.invariants)
    console.log(`${check.id} ${check.ok ? "holds" : "BROKEN"}: ${check.detail}`);
  return result.invariants.every((check) => check.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("bench:peak failed:", error);
    process.exit(2);
  },
);

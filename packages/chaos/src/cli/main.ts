import { parseArgs } from "node:util";
import { runCampaign, type CampaignResult } from "../campaign";
import { composeFaults } from "../compose-faults";
import { describeSchedule } from "../fault-schedule";
import { systemAccessFromEnv } from "../system-access";

// pnpm chaos [--runs N] [--seed S] [--minutes M] [--shoppers K]
// Seeded fault campaigns against the system as `bash scripts/up.sh` runs it.
// Run N uses seed S + N - 1, so any failing run replays alone with --seed.
// PEAKSHOP_BANK_TIMEOUT_MS and PEAKSHOP_PAYMENT_DEADLINE_MS must match the
// system's settings (compose defaults: 2 s and 180 s).

const KILLABLE = ["order", "payment", "inventory", "notification", "cart", "gateway", "bank-simulator"];
const RESTARTABLE = ["payment", "kafka", "postgres"];
// Each service's wires to the infrastructure it talks to (the gateway keeps
// idempotency keys in PostgreSQL and reaches no broker).
const NETWORKED = [
  ...["order", "payment", "inventory", "notification", "cart"].map((service) => ({
    service,
    peers: ["postgres", "kafka"],
  })),
  { service: "gateway", peers: ["postgres"] },
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "1" },
      seed: { type: "string" },
      minutes: { type: "string", default: "2" },
      shoppers: { type: "string", default: "120" },
    },
  });
  const runs = Number(values.runs);
  const firstSeed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  const durationMs = Number(values.minutes) * 60_000;
  const results: CampaignResult[] = [];
  for (let run = 0; run < runs; run++) {
    const seed = firstSeed + run;
    console.log(`\nrun ${run + 1} of ${runs}: seed ${seed}`);
    const result = await runCampaign({
      seed,
      system: systemAccessFromEnv(),
      faults: composeFaults(),
      schedule: {
        durationMs,
        bankTimeoutMs: Number(process.env.PEAKSHOP_BANK_TIMEOUT_MS ?? 2_000),
        killable: KILLABLE,
        restartable: RESTARTABLE,
        networked: NETWORKED,
        maxFaultMs: 20_000,
      },
      shoppers: Number(values.shoppers),
      paymentDeadlineMs: Number(process.env.PEAKSHOP_PAYMENT_DEADLINE_MS ?? 180_000),
      drainMs: 120_000,
    });
    console.log(
      `  ${result.accepted} orders checked (${result.indeterminate} checkouts got no definite answer; orders they placed are checked too)`,
    );
    const refused = Object.entries(result.refused).map(([why, count]) => `${why} ×${count}`);
    if (refused.length > 0) console.log(`  shoppers who placed nothing: ${refused.join(", ")}`);
    for (const line of describeSchedule(result.schedule)) console.log(`  ${line}`);
    for (const line of result.faultsNotPlayed) console.log(`  not played: ${line}`);
    for (const v of result.verdicts) console.log(`  ${v.invariant} ${v.verdict.padEnd(8)} ${v.detail}`);
    results.push(result);
  }
  console.log("\n| seed | accepted | violations | unknowns |\n| --- | --- | --- | --- |");
  for (const r of results) {
    const count = (verdict: string) =>
      r.verdicts.filter((v) => v.verdict === verdict).map((v) => v.invariant);
    console.log(
      `| ${r.seed} | ${r.accepted} | ${count("violated").join(", ") || 0} | ${count("unknown").join(", ") || 0} |`,
    );
  }
  const failed = results.filter((r) => r.verdicts.some((v) => v.verdict !== "ok"));
  if (failed.length > 0) {
    console.log(
      `\n${failed.length} of ${runs} runs failed; replay one with --seed ${failed[0]!.seed} --runs 1`,
    );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});

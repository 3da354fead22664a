import { DEFAULT_OPTIONS, runFlashSale } from "./flash-sale";

// `pnpm demo`: against the system `bash scripts/up.sh` started. Exit code 1
// when a promise was broken, 2 when the system could not be reached.
const env = process.env;
const gatewayUrl = env["PEAKSHOP_GATEWAY_URL"] ?? `http://127.0.0.1:${env["PEAKSHOP_GATEWAY_PORT"] ?? 3000}`;
const bankUrl = env["PEAKSHOP_BANK_URL"] ?? `http://127.0.0.1:${env["PEAKSHOP_BANK_SIMULATOR_PORT"] ?? 4000}`;

async function main(): Promise<number> {
  for (const [what, url] of [
    ["gateway", `${gatewayUrl}/health/ready`],
    ["bank simulator", `${bankUrl}/health/ready`],
  ] as const) {
    const ready = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (!ready?.ok) {
      console.error(`The ${what} does not answer at ${url}. Start the system first: bash scripts/up.sh`);
      return 2;
    }
  }
  const { verdict } = await runFlashSale({
    ...DEFAULT_OPTIONS,
    gatewayUrl,
    bankUrl,
    say: (line) => console.log(line),
  });
  return verdict.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("The demo failed:", error instanceof Error ? error.message : error);
    process.exit(2);
  },
);

import "./tracing";
import { boundShutdown } from "@peakshop/platform-nest";
import { loadBankSimulatorConfig, startBankSimulatorService } from "./app";

async function main() {
  const config = loadBankSimulatorConfig();
  boundShutdown(config.SHUTDOWN_TIMEOUT_MS);
  await startBankSimulatorService(config);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

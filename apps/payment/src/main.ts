import "./tracing";
import { boundShutdown } from "@peakshop/platform-nest";
import { loadPaymentConfig, startPaymentService } from "./app";

async function main() {
  const config = loadPaymentConfig();
  boundShutdown(config.SHUTDOWN_TIMEOUT_MS);
  await startPaymentService(config);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

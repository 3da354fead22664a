import "./tracing";
import { boundShutdown } from "@peakshop/platform-nest";
import { loadOrderConfig, startOrderService } from "./app";

async function main() {
  const config = loadOrderConfig();
  boundShutdown(config.SHUTDOWN_TIMEOUT_MS);
  await startOrderService(config);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import "./tracing";
import { boundShutdown } from "@peakshop/platform-nest";
import { loadInventoryConfig, startInventoryService } from "./app";

async function main() {
  const config = loadInventoryConfig();
  boundShutdown(config.SHUTDOWN_TIMEOUT_MS);
  await startInventoryService(config);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

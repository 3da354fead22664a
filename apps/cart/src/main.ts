import "./tracing";
import { boundShutdown } from "@peakshop/platform-nest";
import { loadCartConfig, startCartService } from "./app";

async function main() {
  const config = loadCartConfig();
  boundShutdown(config.SHUTDOWN_TIMEOUT_MS);
  await startCartService(config);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import "./tracing";
import { boundShutdown } from "@peakshop/platform-nest";
import { loadNotificationConfig, startNotificationService } from "./app";

async function main() {
  const config = loadNotificationConfig();
  boundShutdown(config.SHUTDOWN_TIMEOUT_MS);
  await startNotificationService(config);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

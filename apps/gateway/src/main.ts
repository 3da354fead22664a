import "./tracing";
import { boundShutdown } from "@peakshop/platform-nest";
import { loadGatewayConfig, startGatewayService } from "./app";

async function main() {
  const config = loadGatewayConfig();
  boundShutdown(config.SHUTDOWN_TIMEOUT_MS);
  await startGatewayService(config);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

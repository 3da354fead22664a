// Imported first by main: OpenTelemetry instruments modules as they load.
import { startTracing } from "@peakshop/platform-nest/tracing";

startTracing("payment");

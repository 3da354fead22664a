export { recordHttpRequests } from "./http-request.metrics";
export { createMetricsRegistry } from "./metrics-registry";

// The entry a service imports before anything else (see startTracing): it
// must not load what the instrumentations patch.
export { startTracing, stopTracing, tracingRequested } from "./start-tracing";

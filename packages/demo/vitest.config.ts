import { peakshopVitestConfig } from "../../vitest.shared";

// The e2e test runs the demo against the whole system started in-process.
export default peakshopVitestConfig({ infrastructure: true });

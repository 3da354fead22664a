import { peakshopVitestConfig } from "../../vitest.shared";

// No infrastructure: the tests run helm against the chart, offline.
export default peakshopVitestConfig();

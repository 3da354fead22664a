import { peakshopVitestConfig } from "../../vitest.shared";

export default peakshopVitestConfig();

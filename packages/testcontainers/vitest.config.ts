import { peakshopVitestConfig } from "../../vitest.shared";

// The environment under test starts its own Kafka and PostgreSQL.
export default peakshopVitestConfig();

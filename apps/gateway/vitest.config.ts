import { peakshopVitestConfig } from "../../vitest.shared";

// The e2e test starts the whole checkout system (Kafka and PostgreSQL) behind the gateway.
export default peakshopVitestConfig({ infrastructure: true });

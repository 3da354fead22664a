import { peakshopVitestConfig } from "../../vitest.shared";

// No shared infrastructure: the bank simulator needs PostgreSQL only, so its
// int test starts just that (startPostgres) rather than a Kafka it never uses.
export default peakshopVitestConfig();

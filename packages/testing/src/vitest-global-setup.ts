import type { TestProject } from "vitest/node";
import { startInfrastructure } from "./infrastructure";
import type {} from "./provided-context";

/**
 * Vitest global setup for integration and end-to-end projects: one PostgreSQL
 * and one Kafka per test run; tests read the settings with
 * `inject("peakshopInfrastructure")` and create their own databases and topics.
 */
export default async function setup(project: TestProject) {
  const infrastructure = await startInfrastructure();
  project.provide("peakshopInfrastructure", infrastructure.settings);
  return async () => {
    await infrastructure.stop();
  };
}

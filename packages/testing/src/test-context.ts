import type { TopicSpec } from "@peakshop/platform-nest";
import { randomUUID } from "node:crypto";
import type { InfrastructureSettings } from "./infrastructure";
import { createTopicsOn } from "./kafka";
import { createDatabaseOn } from "./postgres";

/** Helpers a test uses on the shared infrastructure: isolated databases and topics. */
export function testContext(settings: InfrastructureSettings) {
  return {
    brokers: settings.kafkaBrokers,
    /** A unique lower-case name, so tests sharing a broker and server never collide. */
    uniqueName: (prefix: string) => `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`,
    createDatabase: (name: string) => createDatabaseOn(settings.postgresAdminUrl, name),
    createTopics: (specs: TopicSpec[]) => createTopicsOn(settings.kafkaBrokers, specs),
  };
}

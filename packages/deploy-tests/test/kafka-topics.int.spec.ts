import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONSUMERS } from "./support/apps";
import { REPO_ROOT } from "./support/helm";
import { ofKind, render, type Manifest } from "./support/manifests";
import { validateManifest } from "./support/kubernetes-models";
import { DEFAULT_VALUES, PRODUCTION_VALUES, productionRender } from "./support/renders";

interface KafkaTopic extends Manifest {
  spec: { topicName: string; partitions: number; replicas: number; config?: Record<string, unknown> };
}

const asyncApi = JSON.parse(
  readFileSync(path.join(REPO_ROOT, "packages/contracts/asyncapi.json"), "utf8"),
) as {
  channels: Record<string, { address: string }>;
};
const CHANNELS = Object.values(asyncApi.channels).map((channel) => channel.address);
const DEAD_LETTERS = CONSUMERS.map((app) => `${app.name}.dead-letters.v1`);

const topicsOf = (manifests: Manifest[]) => ofKind<KafkaTopic>(manifests, "KafkaTopic");

describe("Strimzi KafkaTopics", () => {
  it("exist for every AsyncAPI channel and each consumer's dead letters", () => {
    const names = topicsOf(productionRender()).map((topic) => topic.spec.topicName);
    expect(names.sort()).toEqual([...CHANNELS, ...DEAD_LETTERS].sort());
  });

  it("cover every topic an app consumes", () => {
    const names = topicsOf(productionRender()).map((topic) => topic.spec.topicName);
    for (const app of CONSUMERS) expect(names, app.name).toEqual(expect.arrayContaining(app.consumes));
  });

  it("name their cluster, take partitions and replicas from the values, and outlive the release", () => {
    for (const topic of topicsOf(productionRender())) {
      expect(topic.metadata.labels?.["strimzi.io/cluster"]).toBe("peakshop");
      expect(topic.metadata.namespace).toBe("kafka");
      expect(topic.spec).toMatchObject({
        partitions: 12,
        replicas: 3,
        config: { "min.insync.replicas": "2" },
      });
      expect(topic.metadata.annotations?.["helm.sh/resource-policy"]).toBe("keep");
    }
  });

  it("take per-topic overrides", () => {
    const manifests = render({
      values: DEFAULT_VALUES,
      set: [
        "kafka.topics.job.enabled=false",
        "kafka.topics.strimzi.enabled=true",
        "kafka.topics.strimzi.clusterName=main",
        "kafka.topics.strimzi.overrides.inventory\\.stock\\.commands\\.v1.partitions=24",
      ],
    });
    const byName = new Map(topicsOf(manifests).map((topic) => [topic.spec.topicName, topic.spec.partitions]));
    expect(byName.get("inventory.stock.commands.v1")).toBe(24);
    expect(byName.get("inventory.stock.events.v1")).toBe(3);
  });

  it("speak Strimzi's v1 API when asked", () => {
    const manifests = render({
      values: PRODUCTION_VALUES,
      set: ["kafka.topics.strimzi.apiVersion=kafka.strimzi.io/v1"],
    });
    for (const topic of topicsOf(manifests)) {
      expect(topic.apiVersion).toBe("kafka.strimzi.io/v1");
      validateManifest(topic);
    }
  });

  it("are not rendered by default (the topics Jobs create the topics)", () => {
    expect(topicsOf(render({ values: DEFAULT_VALUES }))).toEqual([]);
  });
});

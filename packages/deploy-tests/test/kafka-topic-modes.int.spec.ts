// Who creates the Kafka topics: the hook Jobs (default), Strimzi, the services at start, or nobody.
import type { IConfigMap } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { KAFKA_APPS, objectName } from "./support/apps";
import { templateError } from "./support/helm";
import { ofKind, render, type Manifest } from "./support/manifests";
import { DEFAULT_VALUES, defaultRender, productionRender } from "./support/renders";

/** KAFKA_ENSURE_TOPICS of every Kafka app's ConfigMap. */
function ensureTopics(manifests: Manifest[]): (string | undefined)[] {
  const maps = ofKind<IConfigMap>(manifests, "ConfigMap");
  return KAFKA_APPS.map(
    (app) => maps.find((map) => map.metadata?.name === objectName(app))?.data?.KAFKA_ENSURE_TOPICS,
  );
}
const everyApp = (value: string) => KAFKA_APPS.map(() => value);

describe("the services' own topic creation (KAFKA_ENSURE_TOPICS)", () => {
  it("is off by default, the hook Jobs creating the topics", () => {
    expect(ensureTopics(defaultRender())).toEqual(everyApp("false"));
  });

  it("is off with Strimzi's KafkaTopics", () => {
    expect(ensureTopics(productionRender())).toEqual(everyApp("false"));
  });

  it("is on only with createOnStart", () => {
    const onStart = render({
      values: DEFAULT_VALUES,
      set: ["kafka.topics.job.enabled=false", "kafka.topics.createOnStart=true"],
    });
    expect(ensureTopics(onStart)).toEqual(everyApp("true"));
    expect(onStart.filter((manifest) => manifest.kind === "KafkaTopic")).toEqual([]);
  });

  it("stays off when the topics are managed elsewhere", () => {
    const elsewhere = render({ values: DEFAULT_VALUES, set: ["kafka.topics.job.enabled=false"] });
    expect(ensureTopics(elsewhere)).toEqual(everyApp("false"));
    expect(elsewhere.filter((manifest) => manifest.kind === "KafkaTopic")).toEqual([]);
  });
});

describe("the ways to create topics", () => {
  const CHOOSE_ONE = "choose one way to create the Kafka topics";

  it.each([
    ["the Jobs and Strimzi", ["kafka.topics.strimzi.enabled=true", "kafka.topics.strimzi.clusterName=main"]],
    ["the Jobs and createOnStart", ["kafka.topics.createOnStart=true"]],
    [
      "Strimzi and createOnStart",
      [
        "kafka.topics.job.enabled=false",
        "kafka.topics.strimzi.enabled=true",
        "kafka.topics.strimzi.clusterName=main",
        "kafka.topics.createOnStart=true",
      ],
    ],
  ])("exclude each other: %s fail the render", (_what, set) => {
    expect(templateError({ values: DEFAULT_VALUES, set })).toContain(CHOOSE_ONE);
  });

  it("names the modes that clash", () => {
    const error = templateError({ values: DEFAULT_VALUES, set: ["kafka.topics.createOnStart=true"] });
    expect(error).toContain("kafka.topics.createOnStart and kafka.topics.job.enabled");
  });
});

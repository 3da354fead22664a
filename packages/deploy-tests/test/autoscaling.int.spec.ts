import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import type { IConfigMap } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { APPS, CONSUMERS, objectName } from "./support/apps";
import { ofKind, type Manifest } from "./support/manifests";
import { defaultRender, productionRender, RENDERS } from "./support/renders";

interface ScaledObject extends Manifest {
  spec: {
    scaleTargetRef: { name: string };
    minReplicaCount: number;
    maxReplicaCount: number;
    triggers: { type: string; metadata: Record<string, string> }[];
  };
}

function scalersOf(manifests: Manifest[]) {
  const hpas = ofKind<IHorizontalPodAutoscaler>(manifests, "HorizontalPodAutoscaler");
  const scaledObjects = ofKind<ScaledObject>(manifests, "ScaledObject");
  return (deployment: string) => ({
    hpa: hpas.filter((hpa) => hpa.spec?.scaleTargetRef.name === deployment).length,
    keda: scaledObjects.filter((scaled) => scaled.spec.scaleTargetRef.name === deployment).length,
  });
}

describe.each(RENDERS)("the autoscaling of the $name render", ({ manifests }) => {
  it("gives every app one autoscaler, an HPA or a KEDA ScaledObject, never both", () => {
    const scalers = scalersOf(manifests());
    for (const deployment of ofKind<IDeployment>(manifests(), "Deployment")) {
      const { hpa, keda } = scalers(deployment.metadata!.name!);
      if (deployment.metadata?.labels?.["app.kubernetes.io/component"] === "bank-simulator") continue;
      expect(hpa + keda, deployment.metadata?.name).toBe(1);
      // The autoscaler owns the replica count.
      expect(deployment.spec?.replicas, deployment.metadata?.name).toBeUndefined();
    }
  });
});

describe("by default", () => {
  it("scales every app on CPU with an HPA from its replicas up", () => {
    const hpas = ofKind<IHorizontalPodAutoscaler>(defaultRender(), "HorizontalPodAutoscaler");
    expect(hpas.map((hpa) => hpa.spec?.scaleTargetRef.name).sort()).toEqual(APPS.map(objectName).sort());
    for (const hpa of hpas) {
      expect(hpa.spec?.minReplicas).toBe(2);
      expect(hpa.spec?.metrics?.[0]?.resource).toMatchObject({
        name: "cpu",
        target: { type: "Utilization" },
      });
    }
    expect(ofKind(defaultRender(), "ScaledObject")).toEqual([]);
  });
});

describe("with the production values", () => {
  const configOf = (name: string) =>
    ofKind<IConfigMap>(productionRender(), "ConfigMap").find((map) => map.metadata?.name === name)!.data!;

  it("scales each consumer on its consumer group's Kafka lag with KEDA", () => {
    const scaledObjects = ofKind<ScaledObject>(productionRender(), "ScaledObject");
    expect(scaledObjects.map((scaled) => scaled.spec.scaleTargetRef.name).sort()).toEqual(
      CONSUMERS.map(objectName).sort(),
    );
    for (const app of CONSUMERS) {
      const scaled = scaledObjects.find(
        (candidate) => candidate.spec.scaleTargetRef.name === objectName(app),
      )!;
      const kafka = scaled.spec.triggers.find((trigger) => trigger.type === "kafka")!;
      expect(kafka.metadata.consumerGroup, app.name).toBe(app.name);
      expect(kafka.metadata.consumerGroup, app.name).toBe(configOf(objectName(app)).KAFKA_GROUP_ID);
      expect(kafka.metadata.bootstrapServers).toBe(configOf(objectName(app)).KAFKA_BROKERS);
      expect(kafka.metadata.topic, app.name).toBe(app.consumes.length === 1 ? app.consumes[0] : undefined);
      // Never to zero: the apps' outbox relays, deadline and retry workers run in-process.
      expect(scaled.spec.minReplicaCount).toBe(3);
      expect(scaled.spec.maxReplicaCount).toBeLessThanOrEqual(12);
    }
  });

  it("keeps the apps that consume nothing on HPAs", () => {
    const scalers = scalersOf(productionRender());
    for (const app of APPS.filter((candidate) => candidate.consumes.length === 0)) {
      expect(scalers(objectName(app)), app.name).toEqual({ hpa: 1, keda: 0 });
    }
  });
});

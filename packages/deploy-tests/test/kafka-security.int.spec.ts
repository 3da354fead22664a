// Kafka over TLS and/or SASL (kafka.tls, kafka.sasl): the settings reach only
// the apps that use Kafka, credentials only as secretKeyRefs, a private CA as a
// read-only mount named by NODE_EXTRA_CA_CERTS, and KEDA's Kafka scaler the same.
import type { ITriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1";
import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IJob } from "kubernetes-models/batch/v1";
import type { IConfigMap } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { CONSUMERS, KAFKA_APPS, objectName } from "./support/apps";
import { templateError } from "./support/helm";
import { validateManifest } from "./support/kubernetes-models";
import { ofKind, render, type Manifest } from "./support/manifests";
import {
  CA_DIR,
  CA_FILE,
  configOf,
  deploymentOf,
  envNames,
  jobOf,
  KAFKA_SETTINGS,
  KEDA,
  kafkaTrigger,
  NO_KAFKA_APPS,
  podOf,
  SASL_VARIABLES,
  scaledObjectsOf,
  SECURED,
  workloadsOf,
} from "./support/kafka-security";
import { DEFAULT_VALUES, RENDERS, STAGING_VALUES, productionRender } from "./support/renders";

describe.each(RENDERS.filter((entry) => entry.name !== "production"))(
  "the $name render (plaintext Kafka)",
  ({ manifests }) => {
    it("tells no app to use TLS or SASL, and mounts no CA", () => {
      for (const app of KAFKA_APPS) expect(configOf(manifests(), app).KAFKA_SSL, app.name).toBe("false");
      for (const map of ofKind<IConfigMap>(manifests(), "ConfigMap")) {
        expect(Object.keys(map.data ?? {}), map.metadata?.name).not.toContain("KAFKA_SASL_MECHANISM");
        expect(Object.keys(map.data ?? {}), map.metadata?.name).not.toContain("NODE_EXTRA_CA_CERTS");
      }
      const workloads = [
        ...ofKind<IDeployment>(manifests(), "Deployment"),
        ...ofKind<IJob>(manifests(), "Job"),
      ];
      for (const workload of workloads) {
        const container = podOf(workload).containers[0]!;
        expect(envNames(container), workload.metadata?.name).not.toEqual(
          expect.arrayContaining([expect.stringMatching(/^KAFKA_SASL_|^NODE_EXTRA_CA_CERTS$/)]),
        );
        expect(
          (container.env ?? []).find((variable) => variable.name === "KAFKA_SSL")?.value ?? "false",
        ).toBe("false");
        expect(podOf(workload).volumes?.map((volume) => volume.name)).toEqual(["tmp"]);
      }
      expect(ofKind(manifests(), "TriggerAuthentication")).toEqual([]);
    });
  },
);

describe("with TLS to a private CA and SCRAM", () => {
  let cached: Manifest[] | undefined;
  // Staging runs the bank simulator, which must get none of it either.
  const secured = () => (cached ??= render({ values: STAGING_VALUES, set: [...SECURED, ...KEDA] }));

  it("renders only objects valid against their schemas, the TriggerAuthentication included", () => {
    expect(ofKind(secured(), "TriggerAuthentication")).toHaveLength(1);
    for (const manifest of secured()) expect(() => validateManifest(manifest)).not.toThrow();
  });

  it("puts KAFKA_SSL, the mechanism and the CA's path in every Kafka app's ConfigMap, never the credentials", () => {
    for (const app of KAFKA_APPS) {
      const config = configOf(secured(), app);
      expect(config, app.name).toMatchObject({
        KAFKA_SSL: "true",
        KAFKA_SASL_MECHANISM: "scram-sha-256",
        NODE_EXTRA_CA_CERTS: CA_FILE,
      });
      for (const name of SASL_VARIABLES) expect(Object.keys(config), app.name).not.toContain(name);
    }
  });

  it("gives every Kafka app's Deployment and hook Jobs the credentials from the Secret, by reference", () => {
    for (const app of KAFKA_APPS) {
      const workloads = workloadsOf(secured(), app);
      expect(workloads.map((workload) => workload.kind).sort(), app.name).toEqual([
        "Deployment",
        "Job",
        "Job",
      ]);
      for (const workload of workloads) {
        const env = podOf(workload).containers[0]!.env ?? [];
        const byName = (name: string) => env.find((variable) => variable.name === name);
        expect(byName("KAFKA_SASL_USERNAME"), workload.metadata?.name).toEqual({
          name: "KAFKA_SASL_USERNAME",
          valueFrom: { secretKeyRef: { name: "kafka-credentials", key: "user" } },
        });
        expect(byName("KAFKA_SASL_PASSWORD"), workload.metadata?.name).toEqual({
          name: "KAFKA_SASL_PASSWORD",
          valueFrom: { secretKeyRef: { name: "kafka-credentials", key: "pass" } },
        });
      }
    }
  });

  it("mounts the CA read-only where NODE_EXTRA_CA_CERTS points, in every Kafka app's pods", () => {
    for (const app of KAFKA_APPS) {
      for (const workload of workloadsOf(secured(), app)) {
        const pod = podOf(workload);
        const container = pod.containers[0]!;
        const name = workload.metadata?.name;
        expect(pod.volumes, name).toContainEqual({
          name: "kafka-ca",
          secret: { secretName: "kafka-ca-pem", items: [{ key: "ca.pem", path: "ca.crt" }] },
        });
        expect(container.volumeMounts, name).toContainEqual({
          name: "kafka-ca",
          mountPath: CA_DIR,
          readOnly: true,
        });
        // The hook Jobs run before the ConfigMaps exist: they carry the settings inline.
        const caPath =
          workload.kind === "Job"
            ? container.env?.find((variable) => variable.name === "NODE_EXTRA_CA_CERTS")?.value
            : configOf(secured(), app).NODE_EXTRA_CA_CERTS;
        expect(caPath, name).toBe(CA_FILE);
      }
    }
  });

  it("carries the settings inline in the topics Jobs", () => {
    for (const app of KAFKA_APPS) {
      const env = podOf(jobOf(secured(), app, "topics")!).containers[0]!.env ?? [];
      const valueOf = (name: string) => env.find((variable) => variable.name === name)?.value;
      expect([valueOf("KAFKA_SSL"), valueOf("KAFKA_SASL_MECHANISM")], app.name).toEqual([
        "true",
        "scram-sha-256",
      ]);
    }
  });

  it("gives the gateway and the bank simulator none of it", () => {
    for (const app of NO_KAFKA_APPS) {
      expect(Object.keys(configOf(secured(), app)), app.name).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^KAFKA_/)]),
      );
      expect(Object.keys(configOf(secured(), app)), app.name).not.toContain("NODE_EXTRA_CA_CERTS");
      for (const workload of workloadsOf(secured(), app)) {
        const pod = podOf(workload);
        for (const name of [...KAFKA_SETTINGS, ...SASL_VARIABLES]) {
          expect(envNames(pod.containers[0]!), workload.metadata?.name).not.toContain(name);
        }
        expect(
          pod.volumes?.map((volume) => volume.name),
          workload.metadata?.name,
        ).toEqual(["tmp"]);
      }
    }
  });

  it("hands KEDA the same Secrets through a TriggerAuthentication every consumer's trigger references", () => {
    const [auth] = ofKind<ITriggerAuthentication>(secured(), "TriggerAuthentication");
    expect(auth!.metadata?.name).toBe("peakshop-kafka");
    expect(auth!.spec.secretTargetRef).toEqual([
      { parameter: "username", name: "kafka-credentials", key: "user" },
      { parameter: "password", name: "kafka-credentials", key: "pass" },
      { parameter: "ca", name: "kafka-ca-pem", key: "ca.pem" },
    ]);
    const scaledObjects = scaledObjectsOf(secured());
    expect(scaledObjects.map((scaled) => scaled.spec.scaleTargetRef.name).sort()).toEqual(
      CONSUMERS.map(objectName).sort(),
    );
    for (const scaled of scaledObjects) {
      const trigger = kafkaTrigger(scaled);
      expect(trigger.authenticationRef, scaled.metadata.name).toEqual({ name: "peakshop-kafka" });
      // KEDA takes sasl and tls from the trigger or the TriggerAuthentication, never both.
      expect(trigger.metadata, scaled.metadata.name).toMatchObject({ sasl: "scram_sha256", tls: "enable" });
    }
  });
});

describe("the production values", () => {
  it("reach Kafka over TLS with SCRAM-SHA-512, credentials and CA from existing Secrets", () => {
    for (const app of KAFKA_APPS) {
      expect(configOf(productionRender(), app), app.name).toMatchObject({
        KAFKA_SSL: "true",
        KAFKA_SASL_MECHANISM: "scram-sha-512",
        NODE_EXTRA_CA_CERTS: CA_FILE,
      });
      const env = podOf(deploymentOf(productionRender(), app)).containers[0]!.env ?? [];
      expect(
        env.find((variable) => variable.name === "KAFKA_SASL_PASSWORD")?.valueFrom?.secretKeyRef,
        app.name,
      ).toEqual({ name: "peakshop-kafka-credentials", key: "password" });
    }
    for (const scaled of scaledObjectsOf(productionRender())) {
      expect(kafkaTrigger(scaled).authenticationRef, scaled.metadata.name).toEqual({
        name: "peakshop-kafka",
      });
    }
    expect(ofKind(productionRender(), "TriggerAuthentication")).toHaveLength(1);
  });
});

describe("the values check", () => {
  it("refuses a SASL mechanism without the Secret of its credentials", () => {
    const error = templateError({ values: DEFAULT_VALUES, set: ["kafka.sasl.mechanism=scram-sha-512"] });
    expect(error).toContain(
      "kafka.sasl.existingSecret: required with kafka.sasl.mechanism=scram-sha-512 (the Secret holding the SASL username and password)",
    );
  });

  it("refuses a CA without TLS", () => {
    const error = templateError({ values: DEFAULT_VALUES, set: ["kafka.tls.caSecret.name=kafka-ca"] });
    expect(error).toContain("kafka.tls.caSecret.name: set kafka.tls.enabled too");
  });

  it("refuses an unknown mechanism", () => {
    const error = templateError({ values: DEFAULT_VALUES, set: ["kafka.sasl.mechanism=gssapi"] });
    expect(error).toContain("/kafka/sasl/mechanism");
  });
});

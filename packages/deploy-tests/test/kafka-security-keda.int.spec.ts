// KEDA's Kafka scaler on a cluster with TLS and/or SASL: which trigger carries
// sasl and tls, and when the chart's TriggerAuthentication is needed.
import { describe, expect, it } from "vitest";
import { KAFKA_APPS } from "./support/apps";
import {
  configOf,
  deploymentOf,
  KEDA,
  kafkaTrigger,
  podOf,
  scaledObjectsOf,
  SECURED,
} from "./support/kafka-security";
import { ofKind, render } from "./support/manifests";
import { DEFAULT_VALUES } from "./support/renders";

describe("KEDA's Kafka trigger", () => {
  it("keeps an app's own TriggerAuthentication, which then carries sasl and tls itself", () => {
    const manifests = render({
      values: DEFAULT_VALUES,
      set: [...SECURED, ...KEDA, "payment.autoscaling.keda.authenticationRef=payment-kafka"],
    });
    for (const scaled of scaledObjectsOf(manifests)) {
      const trigger = kafkaTrigger(scaled);
      if (scaled.spec.scaleTargetRef.name === "peakshop-payment") {
        expect(trigger.authenticationRef).toEqual({ name: "payment-kafka" });
        expect(trigger.metadata.sasl).toBeUndefined();
        expect(trigger.metadata.tls).toBeUndefined();
      } else {
        expect(trigger.authenticationRef, scaled.metadata.name).toEqual({ name: "peakshop-kafka" });
      }
    }
    expect(ofKind(manifests, "TriggerAuthentication")).toHaveLength(1);
  });

  it("needs no TriggerAuthentication for TLS against the system CAs without SASL", () => {
    const manifests = render({ values: DEFAULT_VALUES, set: ["kafka.tls.enabled=true", ...KEDA] });
    expect(ofKind(manifests, "TriggerAuthentication")).toEqual([]);
    for (const scaled of scaledObjectsOf(manifests)) {
      const trigger = kafkaTrigger(scaled);
      expect(trigger.metadata.tls, scaled.metadata.name).toBe("enable");
      expect(trigger.metadata.sasl, scaled.metadata.name).toBeUndefined();
      expect(trigger.authenticationRef, scaled.metadata.name).toBeUndefined();
    }
    for (const app of KAFKA_APPS) {
      expect(configOf(manifests, app).KAFKA_SSL).toBe("true");
      expect(configOf(manifests, app).NODE_EXTRA_CA_CERTS).toBeUndefined();
      expect(podOf(deploymentOf(manifests, app)).volumes?.map((volume) => volume.name)).toEqual(["tmp"]);
    }
  });

  it("maps each SASL mechanism to KEDA's name for it", () => {
    for (const [mechanism, keda] of [
      ["plain", "plaintext"],
      ["scram-sha-512", "scram_sha512"],
    ] as const) {
      const manifests = render({
        values: DEFAULT_VALUES,
        set: [`kafka.sasl.mechanism=${mechanism}`, "kafka.sasl.existingSecret=kafka-credentials", ...KEDA],
      });
      for (const scaled of scaledObjectsOf(manifests)) {
        expect(kafkaTrigger(scaled).metadata.sasl, mechanism).toBe(keda);
        expect(kafkaTrigger(scaled).metadata.tls, mechanism).toBeUndefined();
      }
      for (const app of KAFKA_APPS) expect(configOf(manifests, app).KAFKA_SASL_MECHANISM).toBe(mechanism);
    }
  });
});

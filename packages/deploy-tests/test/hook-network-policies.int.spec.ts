// The hook Jobs' pods (migrations, Kafka topics) get NetworkPolicies like the apps':
// no connections in, and out only to DNS and what their command needs.
import type { IJob } from "kubernetes-models/batch/v1";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { describe, expect, it } from "vitest";
import { ofKind, selects } from "./support/manifests";
import { RENDERS } from "./support/renders";

/** Ports each kind of hook Job may reach besides DNS (53). */
const NEEDS: Record<string, number> = { migrations: 5432, "kafka-topics": 9092 };

describe.each(RENDERS)("the hook Jobs' pods of the $name render", ({ manifests }) => {
  it("take no connections and reach only DNS and their own dependency", () => {
    const policies = ofKind<INetworkPolicy>(manifests(), "NetworkPolicy");
    const jobs = ofKind<IJob>(manifests(), "Job");
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      const labels = job.spec!.template.metadata!.labels!;
      const component = labels["app.kubernetes.io/component"]!;
      const own = policies.filter(
        (policy) =>
          policy.spec?.podSelector?.matchLabels?.["app.kubernetes.io/component"] &&
          selects(policy.spec.podSelector?.matchLabels, labels),
      );
      expect(own.length, job.metadata?.name).toBe(1);
      expect(own[0]!.spec).toMatchObject({ policyTypes: ["Ingress", "Egress"], ingress: [] });
      const ports = (own[0]!.spec?.egress ?? []).flatMap((rule) =>
        (rule.ports ?? []).map((port) => port.port),
      );
      expect(new Set(ports), job.metadata?.name).toEqual(new Set([53, NEEDS[component]]));
    }
  });
});

import type { IDeployment } from "kubernetes-models/apps/v1";
import type { INetworkPolicy, INetworkPolicyPeer } from "kubernetes-models/networking.k8s.io/v1";
import { describe, expect, it } from "vitest";
import { appOf, CONSUMERS } from "./support/apps";
import { ofKind, render, selects, type Manifest } from "./support/manifests";
import { DEFAULT_VALUES, defaultRender, productionRender, RENDERS, stagingRender } from "./support/renders";

const policiesOf = (manifests: Manifest[]) => ofKind<INetworkPolicy>(manifests, "NetworkPolicy");
const componentOf = (peer: INetworkPolicyPeer) =>
  peer.podSelector?.matchLabels?.["app.kubernetes.io/component"];

function policyFor(manifests: Manifest[], component: string): INetworkPolicy {
  const policy = policiesOf(manifests).find(
    (candidate) => candidate.metadata?.name === `peakshop-${component}`,
  );
  if (!policy) throw new Error(`no NetworkPolicy for ${component}`);
  return policy;
}

/**
 * Who may connect to an app: components of the release, "monitoring" (the
 * metrics scrape), "namespace <name>" for other namespaces, "anyone" for a rule
 * open to every source.
 */
function callersOf(policy: INetworkPolicy): string[] {
  return (policy.spec?.ingress ?? []).flatMap((rule) => {
    if (!rule.from) return ["anyone"];
    return rule.from.map((peer) => {
      const namespace = peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"];
      if (namespace === "monitoring") return "monitoring";
      if (peer.namespaceSelector || peer.ipBlock) return `namespace ${namespace ?? "(any)"}`;
      return componentOf(peer)!;
    });
  });
}

const egressPorts = (policy: INetworkPolicy) =>
  (policy.spec?.egress ?? []).flatMap((rule) => (rule.ports ?? []).map((port) => port.port));

describe.each(RENDERS)("the NetworkPolicies of the $name render", ({ manifests }) => {
  it("deny ingress to every pod of the release unless allowed", () => {
    const denyAll = policiesOf(manifests()).find(
      (policy) => policy.metadata?.name === "peakshop-default-deny-ingress",
    );
    expect(denyAll?.spec).toMatchObject({ policyTypes: ["Ingress"] });
    expect(denyAll?.spec?.ingress ?? []).toEqual([]);
    for (const deployment of ofKind<IDeployment>(manifests(), "Deployment")) {
      const labels = deployment.spec!.template.metadata!.labels!;
      expect(selects(denyAll?.spec?.podSelector?.matchLabels, labels), deployment.metadata?.name).toBe(true);
    }
  });

  it("give every app a policy of its own, restricting ingress and egress", () => {
    for (const deployment of ofKind<IDeployment>(manifests(), "Deployment")) {
      const labels = deployment.spec!.template.metadata!.labels!;
      const own = policiesOf(manifests()).filter(
        (policy) =>
          policy.spec?.podSelector?.matchLabels?.["app.kubernetes.io/component"] &&
          selects(policy.spec.podSelector?.matchLabels, labels),
      );
      expect(
        own.map((policy) => policy.spec?.policyTypes),
        deployment.metadata?.name,
      ).toEqual([["Ingress", "Egress"]]);
    }
  });

  it("let only the gateway take traffic from outside the release", () => {
    const components = ofKind<IDeployment>(manifests(), "Deployment").map(
      (d) => appOf(d.metadata?.labels).name,
    );
    for (const component of components) {
      const outside = callersOf(policyFor(manifests(), component)).filter(
        (caller) => !components.includes(caller) && caller !== "monitoring",
      );
      expect(outside.length, component).toBe(component === "gateway" ? 1 : 0);
    }
  });

  it("let each app resolve names through kube-dns", () => {
    for (const deployment of ofKind<IDeployment>(manifests(), "Deployment")) {
      const policy = policyFor(manifests(), appOf(deployment.metadata?.labels).name);
      const dns = policy.spec?.egress?.[0];
      expect(dns?.to?.[0]?.podSelector?.matchLabels).toEqual({ "k8s-app": "kube-dns" });
      expect(dns?.ports).toEqual([
        { port: 53, protocol: "UDP" },
        { port: 53, protocol: "TCP" },
      ]);
    }
  });
});

describe("the policies between the apps", () => {
  it("let the gateway call cart, inventory, order, payment and notification, and cart call inventory", () => {
    const manifests = defaultRender();
    expect(callersOf(policyFor(manifests, "cart"))).toEqual(["gateway", "monitoring"]);
    expect(callersOf(policyFor(manifests, "inventory"))).toEqual(["gateway", "cart", "monitoring"]);
    expect(callersOf(policyFor(manifests, "order"))).toEqual(["gateway", "monitoring"]);
    expect(callersOf(policyFor(manifests, "notification"))).toEqual(["gateway", "monitoring"]);
    // Internal services trust the caller's x-customer-id: nobody but the gateway may call them
    // (payment for the operator console's admin routes only).
    expect(callersOf(policyFor(manifests, "payment"))).toEqual(["gateway", "monitoring"]);
    const gatewayCalls = (policyFor(manifests, "gateway").spec?.egress ?? []).flatMap((rule) =>
      (rule.to ?? []).map(componentOf).filter(Boolean),
    );
    expect(gatewayCalls.sort()).toEqual(["cart", "inventory", "notification", "order", "payment"]);
  });

  it("let payment, and only payment, call the bank simulator", () => {
    expect(callersOf(policyFor(stagingRender(), "bank-simulator"))).toEqual(["payment", "monitoring"]);
  });

  it("let Prometheus in from the monitoring namespace on the app's port", () => {
    const rule = policyFor(defaultRender(), "order").spec?.ingress?.at(-1);
    expect(rule).toEqual({
      from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }],
      ports: [{ port: 3001, protocol: "TCP" }],
    });
  });
});

describe("egress", () => {
  it("reaches Kafka only from the apps that use it, and PostgreSQL from all", () => {
    for (const app of ["gateway", "cart", ...CONSUMERS.map((consumer) => consumer.name)]) {
      const ports = egressPorts(policyFor(defaultRender(), app));
      expect(ports, app).toContain(5432);
      expect(ports.includes(9092), app).toBe(app !== "gateway");
    }
  });

  it("is narrowed to the selectors and CIDRs of the production values", () => {
    const payment = policyFor(productionRender(), "payment").spec!.egress!;
    expect(payment).toContainEqual({
      to: [
        {
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kafka" } },
          podSelector: { matchLabels: { "strimzi.io/cluster": "peakshop" } },
        },
      ],
      ports: [{ port: 9093, protocol: "TCP" }],
    });
    expect(payment).toContainEqual({
      to: [{ ipBlock: { cidr: "203.0.113.0/24" } }],
      ports: [{ port: 443, protocol: "TCP" }],
    });
    const gatewayIngress = policyFor(productionRender(), "gateway").spec!.ingress![0];
    expect(gatewayIngress?.from?.[0]?.namespaceSelector?.matchLabels).toEqual({
      "kubernetes.io/metadata.name": "ingress-nginx",
    });
  });

  it("can be turned off, leaving the ingress rules", () => {
    const policies = policiesOf(
      render({ values: DEFAULT_VALUES, set: ["networkPolicy.egress.enabled=false"] }),
    );
    for (const policy of policies) {
      expect(policy.spec?.egress, policy.metadata?.name).toBeUndefined();
      expect(policy.spec?.policyTypes, policy.metadata?.name).toEqual(["Ingress"]);
    }
    expect(policiesOf(render({ values: DEFAULT_VALUES, set: ["networkPolicy.enabled=false"] }))).toEqual([]);
  });
});

import type { IConfigMap, IService } from "kubernetes-models/v1";
import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IIngress, INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { describe, expect, it } from "vitest";
import { templateError } from "./support/helm";
import { ofKind, render, type Manifest } from "./support/manifests";
import { defaultRender, PRODUCTION_VALUES, STAGING_VALUES } from "./support/renders";

const WEB = [
  "web.enabled=true",
  "web.gatewayUrl=https://api.shop.example.com",
  "web.publicUrl=https://shop.example.com",
];
const named = <T>(manifests: Manifest[], kind: string, name: string) =>
  ofKind<T & Manifest>(manifests, kind).find((manifest) => manifest.metadata.name === name);

describe("the web app in the chart", () => {
  const staging = render({ values: STAGING_VALUES, set: WEB });

  it("is off by default", () => {
    expect(defaultRender().filter((manifest) => manifest.metadata.name === "peakshop-web")).toEqual([]);
  });

  it("runs as static files with the gateway's public URL, no database, Kafka or secrets, hardened like every pod", () => {
    const config = named<IConfigMap>(staging, "ConfigMap", "peakshop-web")!.data!;
    expect(config).toEqual({
      HTTP_PORT: "8080",
      WEB_GATEWAY_URL: "https://api.shop.example.com",
      // Staging's gateway signs dev tokens, so the web app offers dev sign-in.
      WEB_DEV_SIGN_IN: "true",
      WEB_STATUS_REFRESH_SECONDS: "15",
    });
    const deployment = named<IDeployment>(staging, "Deployment", "peakshop-web")!;
    const pod = deployment.spec!.template.spec!;
    const [container] = pod.containers;
    expect(container!.image).toMatch(/peakshop\/web:/);
    expect(container!.env ?? []).toEqual([]);
    expect(container!.securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsNonRoot: true });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(container!.readinessProbe?.httpGet).toEqual({ path: "/health/ready", port: "http" });
    expect(named<IService>(staging, "Service", "peakshop-web")!.spec!.ports).toEqual([
      expect.objectContaining({ port: 8080, targetPort: "http" }),
    ]);
    expect(staging.some((manifest) => manifest.metadata.name === "peakshop-web-migrate")).toBe(false);
  });

  it("lets the web app's origin call the gateway from browsers", () => {
    const gateway = named<IConfigMap>(staging, "ConfigMap", "peakshop-gateway")!.data!;
    expect(gateway["GATEWAY_CORS_ORIGINS"]).toBe("https://shop.example.com");
  });

  it("offers the bank faults panel only when asked, and then may reach the simulator", () => {
    const panel = render({ values: STAGING_VALUES, set: [...WEB, "web.devBankFaults=true"] });
    expect(named<IConfigMap>(panel, "ConfigMap", "peakshop-web")!.data!["WEB_DEV_BANK_URL"]).toBe(
      "http://peakshop-bank-simulator.shop.svc.cluster.local:4000",
    );
    const callers = (manifests: Manifest[]) =>
      named<INetworkPolicy>(manifests, "NetworkPolicy", "peakshop-bank-simulator")!
        .spec!.ingress!.flatMap((rule) => rule.from ?? [])
        .map((peer) => peer.podSelector?.matchLabels?.["app.kubernetes.io/component"])
        .filter(Boolean);
    expect(callers(panel)).toEqual(["payment", "web"]);
    expect(callers(staging)).toEqual(["payment"]);
    const webEgress = (manifests: Manifest[]) =>
      named<INetworkPolicy>(manifests, "NetworkPolicy", "peakshop-web")!
        .spec!.egress!.flatMap((rule) => rule.to ?? [])
        .map((peer) => peer.podSelector?.matchLabels?.["app.kubernetes.io/component"])
        .filter(Boolean);
    expect(webEgress(panel)).toEqual(["bank-simulator"]);
    expect(webEgress(staging)).toEqual([]);
  });

  it("is scraped like the services: a ServiceMonitor on its HTTP port, and Prometheus let in", () => {
    const production = render({ values: PRODUCTION_VALUES, set: WEB });
    const monitor = named<Manifest & { spec: { endpoints: unknown[] } }>(
      production,
      "ServiceMonitor",
      "peakshop-web",
    )!;
    expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: "http", path: "/metrics" })]);
    const ingress = named<INetworkPolicy>(production, "NetworkPolicy", "peakshop-web")!.spec!.ingress!;
    expect(ingress.at(-1)).toEqual({
      from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }],
      ports: [{ port: 8080, protocol: "TCP" }],
    });
  });

  it("is exposed by an Ingress of its own when asked", () => {
    const exposed = render({
      values: STAGING_VALUES,
      set: [...WEB, "web.ingress.enabled=true", "web.ingress.hosts[0]=shop.example.com"],
    });
    const ingress = named<IIngress>(exposed, "Ingress", "peakshop-web")!;
    expect(ingress.spec!.rules).toEqual([
      {
        host: "shop.example.com",
        http: {
          paths: [
            {
              path: "/",
              pathType: "Prefix",
              backend: { service: { name: "peakshop-web", port: { number: 8080 } } },
            },
          ],
        },
      },
    ]);
  });

  it("says what is missing when the gateway's URL is not given", () => {
    expect(templateError({ values: STAGING_VALUES, set: ["web.enabled=true"] })).toContain("web.gatewayUrl");
  });
});

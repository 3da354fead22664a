import type { IIngress } from "kubernetes-models/networking.k8s.io/v1";
import { describe, expect, it } from "vitest";
import { ofKind, type Manifest } from "./support/manifests";
import { renderNotes } from "./support/notes";
import {
  DEFAULT_VALUES,
  defaultRender,
  PRODUCTION_VALUES,
  productionRender,
  STAGING_VALUES,
  stagingRender,
} from "./support/renders";

interface HTTPRoute extends Manifest {
  spec: {
    parentRefs: { name: string }[];
    hostnames: string[];
    rules: { backendRefs: { name: string; port: number }[] }[];
  };
}

describe("the gateway", () => {
  it("is exposed by neither an Ingress nor an HTTPRoute by default", () => {
    const kinds = defaultRender().map((manifest) => manifest.kind);
    expect(kinds).not.toContain("Ingress");
    expect(kinds).not.toContain("HTTPRoute");
  });

  it("is exposed by an Ingress with the given class, hosts and TLS", () => {
    const [ingress, ...others] = ofKind<IIngress>(productionRender(), "Ingress");
    expect(others).toEqual([]);
    expect(ingress?.spec?.ingressClassName).toBe("nginx");
    expect(ingress?.spec?.tls).toEqual([
      { secretName: "api-shop-example-com-tls", hosts: ["api.shop.example.com"] },
    ]);
    expect(ingress?.spec?.rules?.[0]?.host).toBe("api.shop.example.com");
    expect(ingress?.spec?.rules?.[0]?.http?.paths[0]?.backend.service).toEqual({
      name: "peakshop-gateway",
      port: { number: 3000 },
    });
  });

  it("is exposed by an HTTPRoute attached to the given Gateway", () => {
    const [route, ...others] = ofKind<HTTPRoute>(stagingRender(), "HTTPRoute");
    expect(others).toEqual([]);
    expect(route?.spec.parentRefs[0]?.name).toBe("staging");
    expect(route?.spec.hostnames).toEqual(["api.staging.shop.example.com"]);
    expect(route?.spec.rules[0]?.backendRefs).toEqual([{ name: "peakshop-gateway", port: 3000 }]);
  });
});

describe("the release notes", () => {
  it("tell how to reach the gateway: port-forward, the Ingress's host, or the route's", () => {
    expect(renderNotes({ values: DEFAULT_VALUES })).toContain(
      "port-forward service/peakshop-gateway 3000:3000",
    );
    expect(renderNotes({ values: PRODUCTION_VALUES })).toContain("https://api.shop.example.com/");
    expect(renderNotes({ values: STAGING_VALUES })).toContain("https://api.staging.shop.example.com/");
  });

  it("tell how to check readiness, and warn about staging-only settings", () => {
    const staging = renderNotes({ values: STAGING_VALUES });
    expect(staging).toContain("kubectl -n shop wait --for=condition=Available deployment");
    expect(staging).toContain("bank simulator is enabled");
    expect(staging).toContain("gateway.auth.mode=jwks in production");
  });
});

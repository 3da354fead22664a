import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IConfigMap, IProbe } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { appOf } from "./support/apps";
import { ofKind } from "./support/manifests";
import { RENDERS } from "./support/renders";

describe.each(RENDERS)("the probes of the $name render", ({ manifests }) => {
  const deployments = () => ofKind<IDeployment>(manifests(), "Deployment");

  it("check liveness and startup on /health/live and readiness on /health/ready, on the app's port", () => {
    for (const deployment of deployments()) {
      const app = appOf(deployment.metadata?.labels);
      const container = deployment.spec!.template.spec!.containers[0]!;
      const port = (probe: IProbe | undefined) => {
        const named = probe?.httpGet?.port;
        return container.ports?.find((candidate) => candidate.name === named)?.containerPort ?? named;
      };
      const seen = {
        startup: [container.startupProbe?.httpGet?.path, port(container.startupProbe)],
        liveness: [container.livenessProbe?.httpGet?.path, port(container.livenessProbe)],
        readiness: [container.readinessProbe?.httpGet?.path, port(container.readinessProbe)],
      };
      expect(seen, app.name).toEqual({
        startup: ["/health/live", app.port],
        liveness: ["/health/live", app.port],
        readiness: ["/health/ready", app.port],
      });
    }
  });

  it("set HTTP_PORT to the port the probes use", () => {
    const configMaps = ofKind<IConfigMap>(manifests(), "ConfigMap");
    for (const deployment of deployments()) {
      const app = appOf(deployment.metadata?.labels);
      const config = configMaps.find((map) => map.metadata?.name === deployment.metadata?.name);
      expect(config?.data?.HTTP_PORT, app.name).toBe(String(app.port));
    }
  });
});

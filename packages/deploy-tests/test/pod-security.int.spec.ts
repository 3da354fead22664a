import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IJob } from "kubernetes-models/batch/v1";
import type { IPodTemplateSpec } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { ofKind, type Manifest } from "./support/manifests";
import { RENDERS } from "./support/renders";

/** Every pod template of the render: Deployments' and the hook Jobs'. */
function podTemplates(manifests: Manifest[]): [string, IPodTemplateSpec][] {
  const workloads = [...ofKind<IDeployment>(manifests, "Deployment"), ...ofKind<IJob>(manifests, "Job")];
  return workloads.map((workload) => [
    `${workload.kind}/${workload.metadata?.name}`,
    workload.spec!.template,
  ]);
}

describe.each(RENDERS)("the pods of the $name render", ({ manifests }) => {
  it("run as the images' non-root user under the RuntimeDefault seccomp profile", () => {
    for (const [name, template] of podTemplates(manifests())) {
      expect(template.spec?.securityContext, name).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 1000,
        fsGroup: 1000,
        seccompProfile: { type: "RuntimeDefault" },
      });
    }
  });

  it("cannot escalate, write their root filesystem, or keep any capability", () => {
    for (const [name, template] of podTemplates(manifests())) {
      for (const container of template.spec!.containers) {
        expect(container.securityContext, `${name} ${container.name}`).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        });
        expect(container.securityContext?.privileged ?? false).toBe(false);
        expect(container.securityContext?.capabilities?.add ?? []).toEqual([]);
      }
    }
  });

  it("write only to an emptyDir at /tmp, and read at most the Kafka CA besides", () => {
    const tmp = expect.objectContaining({ name: "tmp", emptyDir: expect.any(Object) });
    const kafkaCa = expect.objectContaining({ name: "kafka-ca", secret: expect.any(Object) });
    for (const [name, template] of podTemplates(manifests())) {
      const volumes = template.spec?.volumes ?? [];
      const withCa = volumes.some((volume) => volume.name === "kafka-ca");
      expect(volumes, name).toEqual(withCa ? [tmp, kafkaCa] : [tmp]);
      for (const container of template.spec!.containers) {
        expect(container.volumeMounts, name).toEqual([
          { name: "tmp", mountPath: "/tmp" },
          ...(withCa ? [{ name: "kafka-ca", mountPath: "/etc/peakshop/kafka-ca", readOnly: true }] : []),
        ]);
      }
    }
  });

  it("get no Kubernetes API token and share no host namespace", () => {
    for (const [name, template] of podTemplates(manifests())) {
      expect(template.spec?.automountServiceAccountToken, name).toBe(false);
      expect(template.spec?.serviceAccountName, name).toBeTruthy();
      expect([template.spec?.hostNetwork, template.spec?.hostPID, template.spec?.hostIPC], name).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
    }
  });

  it("run under the release's ServiceAccount, which mounts no token either", () => {
    const accounts = ofKind<Manifest & { automountServiceAccountToken?: boolean }>(
      manifests(),
      "ServiceAccount",
    );
    for (const deployment of ofKind<IDeployment>(manifests(), "Deployment")) {
      const name = deployment.spec!.template.spec!.serviceAccountName;
      const account = accounts.find((candidate) => candidate.metadata.name === name);
      expect(account?.automountServiceAccountToken, `${deployment.metadata?.name} -> ${name}`).toBe(false);
    }
  });
});

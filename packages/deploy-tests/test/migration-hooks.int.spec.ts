import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IJob } from "kubernetes-models/batch/v1";
import { describe, expect, it } from "vitest";
import { ofKind, render, type Manifest } from "./support/manifests";
import { DEFAULT_VALUES, RENDERS } from "./support/renders";

const HOOK = {
  "helm.sh/hook": "pre-install,pre-upgrade",
  "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded",
};

describe.each(RENDERS)("the migration Jobs of the $name render", ({ manifests }) => {
  const jobs = () =>
    ofKind<IJob>(manifests(), "Job").filter(
      (job) => job.metadata?.labels?.["app.kubernetes.io/component"] === "migrations",
    );

  it("migrate every app's database with its own image, before install and upgrade", () => {
    const deployments = ofKind<IDeployment>(manifests(), "Deployment");
    expect(
      jobs()
        .map((job) => job.metadata?.name)
        .sort(),
    ).toEqual(deployments.map((deployment) => `${deployment.metadata?.name}-migrate`).sort());
    for (const deployment of deployments) {
      const job = jobs().find(
        (candidate) => candidate.metadata?.name === `${deployment.metadata?.name}-migrate`,
      )!;
      const container = job.spec!.template.spec!.containers[0]!;
      expect(container.image).toBe(deployment.spec!.template.spec!.containers[0]!.image);
      expect(container.command).toEqual(["node", "dist/cli.js", "migrate"]);
      expect(job.spec!.template.spec!.restartPolicy).toBe("Never");
    }
  });

  it("are hooks, deleted once they succeeded, run after the ServiceAccount they use", () => {
    const account = ofKind<Manifest>(manifests(), "ServiceAccount").find(
      (candidate) => candidate.metadata.name === jobs()[0]!.spec!.template.spec!.serviceAccountName,
    );
    expect(account?.metadata.annotations).toMatchObject(HOOK);
    const accountWeight = Number(account?.metadata.annotations?.["helm.sh/hook-weight"]);
    for (const job of jobs()) {
      expect(job.metadata?.annotations, job.metadata?.name).toMatchObject(HOOK);
      expect(Number(job.metadata?.annotations?.["helm.sh/hook-weight"])).toBeGreaterThan(accountWeight);
    }
  });

  it("carry the settings the app needs to load its configuration, inline", () => {
    for (const job of jobs()) {
      const container = job.spec!.template.spec!.containers[0]!;
      const names = (container.env ?? []).map((variable) => variable.name);
      expect(names, job.metadata?.name).toEqual(expect.arrayContaining(["SERVICE_NAME", "DATABASE_URL"]));
      // Hooks run before the release's ConfigMaps exist.
      expect(container.envFrom, job.metadata?.name).toBeUndefined();
    }
  });

  it("bound their run time and retries", () => {
    for (const job of jobs()) {
      expect(job.spec?.activeDeadlineSeconds).toBeGreaterThan(0);
      expect(job.spec?.backoffLimit).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("without migration Jobs", () => {
  it("renders no migration Job, and no hook at all without the topics Jobs either", () => {
    const manifests = render({ values: DEFAULT_VALUES, set: ["migrations.enabled=false"] });
    expect(manifests.filter((manifest) => manifest.metadata.name.endsWith("-migrate"))).toEqual([]);
    const noHooks = render({
      values: DEFAULT_VALUES,
      set: ["migrations.enabled=false", "kafka.topics.job.enabled=false"],
    });
    expect(noHooks.filter((manifest) => manifest.metadata.annotations?.["helm.sh/hook"])).toEqual([]);
  });
});

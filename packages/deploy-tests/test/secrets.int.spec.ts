import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IJob } from "kubernetes-models/batch/v1";
import type { IConfigMap, IEnvVar } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { ofKind, type Manifest } from "./support/manifests";
import { RENDERS } from "./support/renders";

/** Variables that carry credentials; they may only come from existing Secrets. */
const SECRET_VARIABLES = [
  "DATABASE_URL",
  "AUTH_DEV_SECRET",
  "SMTP_URL",
  "WEBHOOK_SECRET",
  "KAFKA_SASL_USERNAME",
  "KAFKA_SASL_PASSWORD",
];
/** What a credential looks like in a rendered value: a URL with a password, a key. */
const CREDENTIAL = /:\/\/[^/\s:@]+:[^/\s@]+@|password|secret|token|BEGIN [A-Z ]*PRIVATE KEY/i;

function envOf(manifests: Manifest[]): [string, IEnvVar][] {
  const workloads = [...ofKind<IDeployment>(manifests, "Deployment"), ...ofKind<IJob>(manifests, "Job")];
  return workloads.flatMap((workload) =>
    workload.spec!.template.spec!.containers.flatMap((container) =>
      (container.env ?? []).map((variable): [string, IEnvVar] => [`${workload.metadata?.name}`, variable]),
    ),
  );
}

describe.each(RENDERS)("the $name render", ({ manifests }) => {
  it("contains no Secret", () => {
    expect(manifests().filter((manifest) => manifest.kind === "Secret")).toEqual([]);
  });

  it("takes every credential from an existing Secret by reference", () => {
    const variables = envOf(manifests()).filter(([, variable]) => SECRET_VARIABLES.includes(variable.name));
    expect(variables.length).toBeGreaterThan(0);
    for (const [workload, variable] of variables) {
      expect(variable.value, `${workload} ${variable.name}`).toBeUndefined();
      expect(variable.valueFrom?.secretKeyRef?.name, `${workload} ${variable.name}`).toBeTruthy();
      expect(variable.valueFrom?.secretKeyRef?.key, `${workload} ${variable.name}`).toBeTruthy();
    }
  });

  it("gives every app and hook Job its own database URL", () => {
    const workloads = [
      ...ofKind<IDeployment>(manifests(), "Deployment"),
      ...ofKind<IJob>(manifests(), "Job"),
    ];
    for (const workload of workloads) {
      const env = workload.spec!.template.spec!.containers[0]!.env ?? [];
      const database = env.find((variable) => variable.name === "DATABASE_URL");
      expect(database?.valueFrom?.secretKeyRef?.key, workload.metadata?.name).toBe("DATABASE_URL");
    }
  });

  it("puts no credential into ConfigMaps or literal environment values", () => {
    const configValues = ofKind<IConfigMap>(manifests(), "ConfigMap")
      .filter((map) => !map.metadata?.name?.endsWith("-dashboards"))
      .flatMap((map) =>
        Object.entries(map.data ?? {}).map(([key, value]) => `${map.metadata?.name} ${key}=${value}`),
      );
    const literalEnv = envOf(manifests())
      .filter(([, variable]) => variable.value !== undefined)
      .map(([workload, variable]) => `${workload} ${variable.name}=${variable.value}`);
    for (const setting of [...configValues, ...literalEnv]) {
      expect(
        SECRET_VARIABLES.some((name) => setting.includes(` ${name}=`)),
        setting,
      ).toBe(false);
      expect(CREDENTIAL.test(setting), setting).toBe(false);
    }
  });
});

// What the Kafka TLS/SASL tests render and look up, shared by their files.
import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IJob } from "kubernetes-models/batch/v1";
import type { IConfigMap, IContainer, IPodSpec } from "kubernetes-models/v1";
import { APPS, BANK_SIMULATOR, CONSUMERS, objectName, type ExpectedApp } from "./apps";
import { ofKind, type Manifest } from "./manifests";

export interface ScaledObject extends Manifest {
  spec: {
    scaleTargetRef: { name: string };
    triggers: { type: string; metadata: Record<string, string>; authenticationRef?: { name: string } }[];
  };
}

export const CA_DIR = "/etc/peakshop/kafka-ca";
export const CA_FILE = `${CA_DIR}/ca.crt`;
export const NO_KAFKA_APPS = [APPS.find((app) => app.key === "gateway")!, BANK_SIMULATOR];
export const KAFKA_SETTINGS = ["KAFKA_SSL", "KAFKA_SASL_MECHANISM", "NODE_EXTRA_CA_CERTS"];
export const SASL_VARIABLES = ["KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"];

/** Every consumer on KEDA instead of its HPA. */
export const KEDA = CONSUMERS.flatMap((app) => [
  `${app.key}.autoscaling.hpa.enabled=false`,
  `${app.key}.autoscaling.keda.enabled=true`,
]);
/** A private CA and SCRAM, with non-default Secret keys so the test sees they are used. */
export const SECURED = [
  "kafka.tls.enabled=true",
  "kafka.tls.caSecret.name=kafka-ca-pem",
  "kafka.tls.caSecret.key=ca.pem",
  "kafka.sasl.mechanism=scram-sha-256",
  "kafka.sasl.existingSecret=kafka-credentials",
  "kafka.sasl.usernameKey=user",
  "kafka.sasl.passwordKey=pass",
];

export const configOf = (manifests: Manifest[], app: ExpectedApp) =>
  ofKind<IConfigMap>(manifests, "ConfigMap").find((map) => map.metadata?.name === objectName(app))!.data!;
export const deploymentOf = (manifests: Manifest[], app: ExpectedApp) =>
  ofKind<IDeployment>(manifests, "Deployment").find(
    (deployment) => deployment.metadata?.name === objectName(app),
  )!;
export const jobOf = (manifests: Manifest[], app: ExpectedApp, suffix: "topics" | "migrate") =>
  ofKind<IJob>(manifests, "Job").find((job) => job.metadata?.name === `${objectName(app)}-${suffix}`);
export const podOf = (workload: IDeployment | IJob): IPodSpec => workload.spec!.template.spec!;
export const envNames = (container: IContainer) => (container.env ?? []).map((variable) => variable.name);
export const scaledObjectsOf = (manifests: Manifest[]) => ofKind<ScaledObject>(manifests, "ScaledObject");
export const kafkaTrigger = (scaled: ScaledObject) =>
  scaled.spec.triggers.find((trigger) => trigger.type === "kafka")!;

/** The pods of an app: its Deployment and its hook Jobs. */
export function workloadsOf(manifests: Manifest[], app: ExpectedApp): (IDeployment | IJob)[] {
  return [
    deploymentOf(manifests, app),
    jobOf(manifests, app, "topics"),
    jobOf(manifests, app, "migrate"),
  ].filter((workload) => workload !== undefined);
}

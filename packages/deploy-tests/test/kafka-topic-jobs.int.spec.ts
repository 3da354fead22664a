// The hook Jobs that create each Kafka app's topics with `topics ensure` (the default).
import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IJob } from "kubernetes-models/batch/v1";
import { describe, expect, it } from "vitest";
import { KAFKA_APPS, objectName } from "./support/apps";
import { ofKind, render, type Manifest } from "./support/manifests";
import { DEFAULT_VALUES, defaultRender, productionRender, stagingRender } from "./support/renders";

const ENSURE = ["node", "dist/cli.js", "topics", "ensure", "--partitions", "3"];
const HOOK = {
  "helm.sh/hook": "pre-install,pre-upgrade",
  "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded",
};

const jobsOf = (manifests: Manifest[], component: string) =>
  ofKind<IJob>(manifests, "Job").filter(
    (job) => job.metadata?.labels?.["app.kubernetes.io/component"] === component,
  );
const topicJobs = (manifests: Manifest[]) => jobsOf(manifests, "kafka-topics");
const weightOf = (manifest: { metadata?: { annotations?: Record<string, string> } }) =>
  Number(manifest.metadata?.annotations?.["helm.sh/hook-weight"]);
const commandOf = (job: IJob) => job.spec!.template.spec!.containers[0]!.command;

describe.each([
  { name: "default", manifests: defaultRender },
  { name: "staging", manifests: stagingRender },
])("the topics Jobs of the $name render", ({ manifests }) => {
  it("are one per app with topics, with the app's image, running `topics ensure`", () => {
    const jobs = topicJobs(manifests());
    expect(jobs.map((job) => job.metadata?.name).sort()).toEqual(
      KAFKA_APPS.map((app) => `${objectName(app)}-topics`).sort(),
    );
    for (const app of KAFKA_APPS) {
      const job = jobs.find((candidate) => candidate.metadata?.name === `${objectName(app)}-topics`)!;
      const deployment = ofKind<IDeployment>(manifests(), "Deployment").find(
        (candidate) => candidate.metadata?.name === objectName(app),
      )!;
      const container = job.spec!.template.spec!.containers[0]!;
      expect(container.image).toBe(deployment.spec!.template.spec!.containers[0]!.image);
      expect(container.command, app.name).toEqual(ENSURE);
      expect(job.spec!.template.spec!.restartPolicy).toBe("Never");
    }
  });

  it("are hooks deleted once they succeeded, after their ServiceAccount and before the migrations", () => {
    const jobs = topicJobs(manifests());
    const account = ofKind<Manifest>(manifests(), "ServiceAccount").find(
      (candidate) => candidate.metadata.name === jobs[0]!.spec!.template.spec!.serviceAccountName,
    )!;
    expect(account.metadata.annotations).toMatchObject(HOOK);
    const firstMigration = Math.min(...jobsOf(manifests(), "migrations").map(weightOf));
    for (const job of jobs) {
      expect(job.metadata?.annotations, job.metadata?.name).toMatchObject(HOOK);
      expect(weightOf(job), job.metadata?.name).toBeGreaterThan(weightOf(account));
      expect(weightOf(job), job.metadata?.name).toBeLessThan(firstMigration);
    }
  });

  it("run hardened, like every pod of the release", () => {
    for (const job of topicJobs(manifests())) {
      const pod = job.spec!.template.spec!;
      expect(pod.automountServiceAccountToken, job.metadata?.name).toBe(false);
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: "RuntimeDefault" },
      });
      expect(pod.containers[0]!.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
      });
    }
  });

  it("carry the app's settings inline, Kafka's brokers among them", () => {
    for (const job of topicJobs(manifests())) {
      const container = job.spec!.template.spec!.containers[0]!;
      const names = (container.env ?? []).map((variable) => variable.name);
      expect(names, job.metadata?.name).toEqual(
        expect.arrayContaining(["SERVICE_NAME", "KAFKA_BROKERS", "DATABASE_URL"]),
      );
      expect(container.envFrom, job.metadata?.name).toBeUndefined();
      expect(job.spec?.activeDeadlineSeconds).toBeGreaterThan(0);
    }
  });
});

describe("the topics Jobs' options", () => {
  it("pass --replication-factor only when it is set", () => {
    for (const job of topicJobs(defaultRender()))
      expect(commandOf(job)).not.toContain("--replication-factor");
    const set = ["kafka.topics.job.partitions=12", "kafka.topics.job.replicationFactor=3"];
    for (const job of topicJobs(render({ values: DEFAULT_VALUES, set }))) {
      expect(commandOf(job)).toEqual([
        "node",
        "dist/cli.js",
        "topics",
        "ensure",
        "--partitions",
        "12",
        "--replication-factor",
        "3",
      ]);
    }
  });

  it("are absent with Strimzi's KafkaTopics, and when turned off", () => {
    expect(topicJobs(productionRender())).toEqual([]);
    expect(topicJobs(render({ values: DEFAULT_VALUES, set: ["kafka.topics.job.enabled=false"] }))).toEqual(
      [],
    );
  });

  it("keep their ServiceAccount without the migration Jobs", () => {
    const manifests = render({ values: DEFAULT_VALUES, set: ["migrations.enabled=false"] });
    const account = topicJobs(manifests)[0]!.spec!.template.spec!.serviceAccountName;
    expect(
      ofKind<Manifest>(manifests, "ServiceAccount").map((candidate) => candidate.metadata.name),
    ).toContain(account);
  });
});

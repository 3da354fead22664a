import type { IDeployment } from "kubernetes-models/apps/v1";
import type { IJob } from "kubernetes-models/batch/v1";
import { describe, expect, it } from "vitest";
import { ofKind } from "./support/manifests";
import { RENDERS } from "./support/renders";

describe.each(RENDERS)("the containers of the $name render", ({ manifests }) => {
  it("request and limit CPU and memory", () => {
    const workloads = [
      ...ofKind<IDeployment>(manifests(), "Deployment"),
      ...ofKind<IJob>(manifests(), "Job"),
    ];
    for (const workload of workloads) {
      for (const container of workload.spec!.template.spec!.containers) {
        const { requests, limits } = container.resources ?? {};
        expect(
          { requests: Object.keys(requests ?? {}).sort(), limits: Object.keys(limits ?? {}).sort() },
          `${workload.kind}/${workload.metadata?.name}`,
        ).toEqual({ requests: ["cpu", "memory"], limits: ["cpu", "memory"] });
      }
    }
  });
});

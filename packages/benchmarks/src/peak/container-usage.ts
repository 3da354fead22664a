import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { dockerEngineUsage } from "./docker-engine-usage";

const run = promisify(execFile);

export interface ContainerUsage {
  /** The compose service's name (or the container's name outside compose). */
  name: string;
  cpuSeconds: number;
  memoryBytes: number;
}

interface Container {
  name: string;
  cgroupCpu: string;
  cgroupMemory: string;
  cgroupV2: boolean;
}

/**
 * CPU time and memory of the containers of one compose project, read from their
 * cgroups (v1 cpuacct/memory or v2 cpu.stat/memory.current), found through each
 * container's main process. CPU time is cumulative, so a phase's cost is the
 * difference of two readings.
 */
export class ContainerUsageReader {
  private constructor(private readonly containers: Container[]) {}

  /** Undefined when docker does not answer or the project has no containers (in-process runs). */
  static async forComposeProject(project: string): Promise<ContainerUsageReader | undefined> {
    try {
      const { stdout } = await run("docker", [
        "ps",
        "--filter",
        `label=com.docker.compose.project=${project}`,
        "--format",
        '{{.ID}}\t{{.Label "com.docker.compose.service"}}\t{{.Label "com.docker.compose.container-number"}}',
      ]);
      const named = stdout
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const [id, service, number] = line.split("\t") as [string, string, string];
          return { id, name: number && number !== "1" ? `${service}-${number}` : service };
        });
      return await ContainerUsageReader.forContainers(named);
    } catch {
      return undefined;
    }
  }

  /** These containers by id, each reported under its name. */
  static async forContainers(
    named: { id: string; name: string }[],
  ): Promise<ContainerUsageReader | undefined> {
    const containers: Container[] = [];
    for (const { id, name } of named) {
      const { stdout: pid } = await run("docker", ["inspect", "--format", "{{.State.Pid}}", id]);
      containers.push({ name, ...(await cgroupsOf(pid.trim())) });
    }
    return containers.length ? new ContainerUsageReader(containers) : undefined;
  }

  /** The containers, then the Docker engine's own share (see dockerEngineUsage) where readable. */
  async read(): Promise<ContainerUsage[]> {
    const [containers, engine] = await Promise.all([
      Promise.all(
        this.containers.map(async (container) => ({
          name: container.name,
          cpuSeconds: await cpuSecondsOf(container).catch(() => Number.NaN),
          memoryBytes: await memoryOf(container).catch(() => Number.NaN),
        })),
      ),
      dockerEngineUsage(),
    ]);
    return engine ? [...containers, engine] : containers;
  }
}

async function cgroupsOf(pid: string): Promise<Omit<Container, "name">> {
  const lines = (await readFile(`/proc/${pid}/cgroup`, "utf8")).trim().split("\n");
  const v1 = (controller: string) =>
    lines
      .map((line) => line.split(":"))
      .find(([, controllers]) => controllers?.split(",").includes(controller))?.[2];
  const cpu = v1("cpuacct");
  const memory = v1("memory");
  if (cpu && memory) {
    return {
      cgroupCpu: `/sys/fs/cgroup/cpuacct${cpu}`,
      cgroupMemory: `/sys/fs/cgroup/memory${memory}`,
      cgroupV2: false,
    };
  }
  const unified = lines.find((line) => line.startsWith("0::"))?.slice(3) ?? "";
  return { cgroupCpu: `/sys/fs/cgroup${unified}`, cgroupMemory: `/sys/fs/cgroup${unified}`, cgroupV2: true };
}

async function cpuSecondsOf(container: Container): Promise<number> {
  if (!container.cgroupV2) {
    return Number(await readFile(`${container.cgroupCpu}/cpuacct.usage`, "utf8")) / 1e9;
  }
  const stat = await readFile(`${container.cgroupCpu}/cpu.stat`, "utf8");
  const usec = /usage_usec (\d+)/.exec(stat)?.[1];
  return Number(usec) / 1e6;
}

// As `docker stats` does: usage less the inactive page cache, which the kernel
// reclaims at will (PostgreSQL's and Kafka's file reads would inflate it).
async function memoryOf(container: Container): Promise<number> {
  const [usageFile, inactiveKey] = container.cgroupV2
    ? ["memory.current", "inactive_file"]
    : ["memory.usage_in_bytes", "total_inactive_file"];
  const usage = Number(await readFile(`${container.cgroupMemory}/${usageFile}`, "utf8"));
  const stat = await readFile(`${container.cgroupMemory}/memory.stat`, "utf8");
  const inactive = Number(new RegExp(`^${inactiveKey} (\\d+)$`, "m").exec(stat)?.[1] ?? 0);
  return usage - inactive;
}

import { readdir, readFile } from "node:fs/promises";
import type { ContainerUsage } from "./container-usage";

/** The row the engine's cost gets in the per-container table. */
const DOCKER_ENGINE = "docker engine";

// USER_HZ: the unit of /proc/<pid>/stat times, 100 on every mainstream Linux build.
const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

/**
 * CPU ticks in one /proc/<pid>/stat line: the process's own user and system
 * time and that of its children it has waited for. The shims reap what
 * `docker exec` starts (health checks), so those count here too.
 */
export function cpuTicksOfStat(line: string): number {
  // The command name (2nd field) may hold spaces and parentheses: count from the last ")".
  const fields = line.slice(line.lastIndexOf(")") + 2).split(" ");
  // Fields 14-17 of the line (utime, stime, cutime, cstime) are 11-14 after the name.
  return [11, 12, 13, 14].reduce((sum, at) => sum + Number(fields[at] ?? 0), 0);
}

/** Whether a process is part of the Docker engine (by its command name, at most 15 characters). */
export function isDockerEngine(command: string): boolean {
  return command === "dockerd" || command === "containerd" || command.startsWith("containerd-shim");
}

/**
 * CPU time and memory of dockerd, containerd and the containers' shims: work
 * done for the containers outside their cgroups, above all every health
 * check's `docker exec`. A container whose main process ends is reaped by its
 * shim too, so a phase that restarts containers counts their time here as
 * well, and a health check's own process (a few ms of bash) is counted both
 * here and in its container. Undefined where /proc cannot be read or shows no
 * engine (a bench run inside a container, or against a remote Docker host).
 */
export async function dockerEngineUsage(): Promise<ContainerUsage | undefined> {
  try {
    let ticks = 0;
    let pages = 0;
    let found = false;
    for (const pid of (await readdir("/proc")).filter((entry) => /^\d+$/.test(entry))) {
      const engine = await engineProcess(pid);
      if (!engine) continue;
      found = true;
      ticks += engine.ticks;
      pages += engine.residentPages;
    }
    if (!found) return undefined;
    return { name: DOCKER_ENGINE, cpuSeconds: ticks / TICKS_PER_SECOND, memoryBytes: pages * PAGE_BYTES };
  } catch {
    return undefined;
  }
}

async function engineProcess(pid: string): Promise<{ ticks: number; residentPages: number } | undefined> {
  try {
    const command = (await readFile(`/proc/${pid}/comm`, "utf8")).trim();
    if (!isDockerEngine(command)) return undefined;
    const [stat, statm] = await Promise.all([
      readFile(`/proc/${pid}/stat`, "utf8"),
      readFile(`/proc/${pid}/statm`, "utf8"),
    ]);
    return { ticks: cpuTicksOfStat(stat), residentPages: Number(statm.split(" ")[1] ?? 0) };
  } catch {
    // The process ended between the listing and the read.
    return undefined;
  }
}

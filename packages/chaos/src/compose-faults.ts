import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { FaultPlayer } from "./campaign";

const run = promisify(execFile);
const COMMAND_TIMEOUT_MS = 120_000;

/**
 * Faults for the system as `bash scripts/up.sh` runs it: only containers of
 * its compose project (found by compose's labels), never anything else on the
 * machine. A service with several replicas is hit in every replica.
 */
export function composeFaults(project = process.env.PEAKSHOP_COMPOSE_PROJECT ?? "peakshop"): FaultPlayer {
  const docker = (...args: string[]) => run("docker", args, { timeout: COMMAND_TIMEOUT_MS });
  async function containersOf(service: string): Promise<string[]> {
    const { stdout } = await docker(
      "ps",
      "--all",
      "--quiet",
      "--filter",
      `label=com.docker.compose.project=${project}`,
      "--filter",
      `label=com.docker.compose.service=${service}`,
    );
    const ids = stdout.split("\n").filter(Boolean);
    if (ids.length === 0) throw new Error(`no container of ${service} in the compose project ${project}`);
    return ids;
  }
  const each = async (services: readonly string[], action: (ids: string[]) => Promise<unknown>) => {
    for (const service of services) await action(await containersOf(service));
  };
  return {
    restart: (service) => each([service], (ids) => docker("restart", ...ids)),
    kill: (services) => each(services, (ids) => docker("kill", "--signal", "KILL", ...ids)),
    start: (services) => each(services, (ids) => docker("start", ...ids)),
  };
}

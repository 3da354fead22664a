import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { FaultPlayer } from "./campaign";
import { ContainerNetwork, containerIp, type NetworkFault } from "./network-faults";

const run = promisify(execFile);
const COMMAND_TIMEOUT_MS = 120_000;

/**
 * Faults for the system as `bash scripts/up.sh` runs it: only containers of
 * its compose project (found by compose's labels), never anything else on the
 * machine. A service with several replicas is hit in every replica. Wire
 * faults are made inside the service container's network namespace, toward
 * the peer container's address, and need root (or sudo without a password).
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
  // A replica that is not running (killed by another fault) has no wire to
  // break; the one it gets when it starts again is healthy.
  const runningNetworks = async (service: string) => {
    const networks = await Promise.all(
      (await containersOf(service)).map((id) => ContainerNetwork.of(id).catch(() => undefined)),
    );
    return networks.filter((network) => network !== undefined);
  };
  return {
    restart: (service) => each([service], (ids) => docker("restart", ...ids)),
    kill: (services) => each(services, (ids) => docker("kill", "--signal", "KILL", ...ids)),
    start: (services) => each(services, (ids) => docker("start", ...ids)),
    breakWire: async (service, peer, fault: NetworkFault) => {
      const peerIp = await containerIp((await containersOf(peer))[0]!);
      for (const network of await runningNetworks(service)) await network.apply(fault, peerIp);
    },
    mendWires: async (service) => {
      for (const network of await runningNetworks(service)) await network.healAll();
    },
  };
}

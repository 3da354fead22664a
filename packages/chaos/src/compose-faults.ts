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
  const onWire = async (
    service: string,
    peer: string,
    action: (network: ContainerNetwork, peerIp: string) => Promise<void>,
  ) => {
    // A peer that is itself restarting has no address for a moment: the
    // fault is then skipped and said so, rather than ending the campaign.
    const peerIp = await containersOf(peer)
      .then((ids) => containerIp(ids[0]!))
      .catch((error: unknown) => console.warn(`  wire ${service} to ${peer} left alone: ${String(error)}`));
    if (!peerIp) return;
    for (const id of await containersOf(service)) {
      const network = await ContainerNetwork.of(id).catch(() => undefined);
      if (network) await action(network, peerIp);
    }
  };
  return {
    restart: (service) => each([service], (ids) => docker("restart", ...ids)),
    kill: (services) => each(services, (ids) => docker("kill", "--signal", "KILL", ...ids)),
    start: (services) => each(services, (ids) => docker("start", ...ids)),
    breakWire: (service, peer, fault: NetworkFault) =>
      onWire(service, peer, (network, peerIp) => network.apply(fault, peerIp)),
    mendWire: (service, peer, fault: NetworkFault) =>
      onWire(service, peer, (network, peerIp) => network.heal(fault, peerIp)),
  };
}

import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);
const COMMAND_TIMEOUT_MS = 30_000;

/** What goes wrong on the wire between a service and one peer (PostgreSQL, Kafka). */
export type NetworkFault =
  /** The link to the peer squeezed to this rate: queues build, so every write to the peer waits. */
  | { mode: "congestion"; rateKbit: number }
  /** This share of packets either way is dropped: TCP retransmits, stalls and times out. */
  | { mode: "loss"; percent: number }
  /** Every TCP segment either way answered with a reset: connections break at once. */
  | { mode: "reset" };

const RULE_COMMENT = "peakshop-chaos";
const SLOW_CLASS = "1:2";

/**
 * The commands, each run in the service container's network namespace, that
 * turn `fault` on toward `peerIp` over `device`, with the kernel's own tools as
 * Pumba and Jepsen use them. Loss and resets are iptables rules on the peer's
 * packets both ways. Congestion is an HTB class for the peer's packets only (a
 * u32 filter on its address); the rest of the service's traffic keeps a class
 * of its own at full rate. (netem would add a plain delay, but kernels built
 * without it, as on Firecracker VMs, are common enough that the campaign keeps
 * to what every Docker host has.)
 */
export function faultOnCommands(fault: NetworkFault, peerIp: string, device: string): string[][] {
  switch (fault.mode) {
    case "reset":
    case "loss":
      return peerRules(fault, peerIp).map((rule) => ["iptables", "-w", "-I", ...rule]);
    case "congestion":
      return [
        `tc qdisc replace dev ${device} root handle 1: htb default 1 r2q 1000`,
        `tc class replace dev ${device} parent 1: classid 1:1 htb rate 10gbit`,
        `tc class replace dev ${device} parent 1: classid ${SLOW_CLASS} htb rate ${fault.rateKbit}kbit`,
        `tc filter replace dev ${device} parent 1: protocol ip prio 1 u32 match ip dst ${peerIp}/32 flowid ${SLOW_CLASS}`,
      ].map((command) => command.split(" "));
  }
}

function peerRules(fault: Extract<NetworkFault, { mode: "loss" | "reset" }>, peerIp: string): string[][] {
  const action =
    fault.mode === "reset"
      ? ["-j", "REJECT", "--reject-with", "tcp-reset"]
      : ["-m", "statistic", "--mode", "random", "--probability", String(fault.percent / 100), "-j", "DROP"];
  const tagged = ["-m", "comment", "--comment", RULE_COMMENT, ...action];
  return [
    ["OUTPUT", "-d", peerIp, "-p", "tcp", ...tagged],
    ["INPUT", "-s", peerIp, "-p", "tcp", ...tagged],
  ];
}

/** A running container's network namespace, entered from the host with nsenter (needs root). */
export class ContainerNetwork {
  private constructor(
    readonly containerId: string,
    private readonly pid: number,
  ) {}

  /** The namespace of a running container; throws when it is not running (killed, restarting). */
  static async of(containerId: string): Promise<ContainerNetwork> {
    const { stdout } = await run("docker", ["inspect", "--format", "{{.State.Pid}}", containerId], {
      timeout: COMMAND_TIMEOUT_MS,
    });
    const pid = Number(stdout.trim());
    if (!(pid > 0)) throw new Error(`container ${containerId} is not running`);
    return new ContainerNetwork(containerId, pid);
  }

  /** The device this namespace reaches `peerIp` through. */
  async deviceTowards(peerIp: string): Promise<string> {
    const { stdout } = await this.exec(["ip", "-o", "route", "get", peerIp]);
    const device = / dev (\S+)/.exec(stdout)?.[1];
    if (!device) throw new Error(`no route from ${this.containerId} to ${peerIp}: ${stdout}`);
    return device;
  }

  async apply(fault: NetworkFault, peerIp: string): Promise<void> {
    const device = await this.deviceTowards(peerIp);
    for (const command of faultOnCommands(fault, peerIp, device)) await this.exec(command);
  }

  /**
   * Takes off every wire fault this campaign put in the namespace: the rules
   * tagged with its comment, and the root qdisc of each device. It needs no
   * peer address, so it works while the peer restarts or after its address
   * changed. Safe to repeat.
   */
  async healAll(): Promise<void> {
    const { stdout: rules } = await this.exec(["iptables", "-w", "-S"]);
    for (const rule of rules
      .split("\n")
      .filter((line) => line.includes(RULE_COMMENT) && line.startsWith("-A ")))
      await this.exec(["iptables", "-w", "-D", ...rule.slice(3).split(" ").map(unquote)]).catch(
        () => undefined,
      );
    const { stdout: links } = await this.exec(["ip", "-o", "link", "show"]);
    for (const device of devicesOf(links))
      await this.exec(["tc", "qdisc", "del", "dev", device, "root"]).catch(() => undefined);
  }

  exec(command: readonly string[]): Promise<{ stdout: string }> {
    const asRoot = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
    const [program, ...args] = [
      ...asRoot,
      "nsenter",
      "--target",
      String(this.pid),
      "--net",
      "--",
      ...command,
    ];
    return run(program!, args, { timeout: COMMAND_TIMEOUT_MS });
  }
}

/** The devices of `ip -o link show` output, loopback left out ("2: eth0@if7: <...>" -> eth0). */
export function devicesOf(links: string): string[] {
  return links
    .split("\n")
    .map((line) => /^\d+: ([^:@\s]+)/.exec(line)?.[1])
    .filter((device): device is string => device !== undefined && device !== "lo");
}

// iptables -S quotes a comment with spaces; ours has none, but be exact.
const unquote = (word: string) => word.replace(/^"(.*)"$/, "$1");

/** A container's address on its (first) network, as its peers reach it. */
export async function containerIp(containerId: string): Promise<string> {
  const { stdout } = await run(
    "docker",
    ["inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", containerId],
    { timeout: COMMAND_TIMEOUT_MS },
  );
  const ip = stdout.trim().split(/\s+/)[0];
  if (!ip) throw new Error(`container ${containerId} has no address`);
  return ip;
}

export function describeNetworkFault(fault: NetworkFault): string {
  switch (fault.mode) {
    case "congestion":
      return `link squeezed to ${fault.rateKbit} kbit/s`;
    case "loss":
      return `${fault.percent}% of packets dropped`;
    case "reset":
      return "connections reset";
  }
}

import { describe, expect, it } from "vitest";
import { devicesOf, faultOnCommands } from "./network-faults";

const PEER = "172.18.0.5";

describe("network fault commands", () => {
  it("given congestion, squeezes only packets to the peer: an HTB class the filter alone reaches", () => {
    const on = faultOnCommands({ mode: "congestion", rateKbit: 64 }, PEER, "eth0").map((c) => c.join(" "));
    expect(on).toEqual([
      "tc qdisc replace dev eth0 root handle 1: htb default 1 r2q 1000",
      "tc class replace dev eth0 parent 1: classid 1:1 htb rate 10gbit",
      "tc class replace dev eth0 parent 1: classid 1:2 htb rate 64kbit",
      `tc filter replace dev eth0 parent 1: protocol ip prio 1 u32 match ip dst ${PEER}/32 flowid 1:2`,
    ]);
  });

  it("given a loss, drops that share of the peer's packets both ways", () => {
    const on = faultOnCommands({ mode: "loss", percent: 30 }, PEER, "eth1");
    expect(on.map((c) => c.slice(0, 4).join(" "))).toEqual(["iptables -w -I OUTPUT", "iptables -w -I INPUT"]);
    for (const rule of on)
      expect(rule.join(" ")).toContain("-m statistic --mode random --probability 0.3 -j DROP");
    expect(on[0]).toEqual(expect.arrayContaining(["-d", PEER]));
    expect(on[1]).toEqual(expect.arrayContaining(["-s", PEER]));
  });

  it("given resets, rejects the peer's TCP both ways, tagged so that healing finds the rules without the peer", () => {
    const on = faultOnCommands({ mode: "reset" }, PEER, "eth0");
    expect(on[0]).toEqual(expect.arrayContaining(["-d", PEER, "tcp-reset", "peakshop-chaos"]));
    expect(on[1]).toEqual(expect.arrayContaining(["-s", PEER, "tcp-reset", "peakshop-chaos"]));
  });

  it("finds every device but loopback in ip's one-line listing, veth peers included", () => {
    const links = [
      "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN",
      "2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc htb state UP",
      "3: eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP",
    ].join("\n");
    expect(devicesOf(links)).toEqual(["eth0", "eth1"]);
  });
});

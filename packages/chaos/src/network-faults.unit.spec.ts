import { describe, expect, it } from "vitest";
import { faultOffCommands, faultOnCommands } from "./network-faults";

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
    expect(faultOffCommands({ mode: "congestion", rateKbit: 64 }, PEER, "eth0")).toEqual([
      ["tc", "qdisc", "del", "dev", "eth0", "root"],
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

  it("given resets, rejects the peer's TCP both ways, and takes off exactly the rules it put on", () => {
    const on = faultOnCommands({ mode: "reset" }, PEER, "eth0");
    const off = faultOffCommands({ mode: "reset" }, PEER, "eth0");
    expect(on[0]).toEqual(expect.arrayContaining(["-d", PEER, "tcp-reset"]));
    expect(on[1]).toEqual(expect.arrayContaining(["-s", PEER, "tcp-reset"]));
    expect(off.map((c) => c.filter((arg) => arg !== "-D"))).toEqual(
      on.map((c) => c.filter((arg) => arg !== "-I")),
    );
  });
});

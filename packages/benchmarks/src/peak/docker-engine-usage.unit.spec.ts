import { describe, expect, it } from "vitest";
import { cpuTicksOfStat, isDockerEngine } from "./docker-engine-usage";

describe("the Docker engine's CPU time from /proc", () => {
  it("adds user, system and reaped children's time, whatever the command name holds", () => {
    // given a stat line whose command name has a space and a parenthesis
    const line =
      "812 (containerd-shim) x) S 1 812 812 0 -1 4194560 9115 0 0 0 120 45 300 35 20 0 11 0 2411 1257963520 2339";

    // when its CPU ticks are read
    const ticks = cpuTicksOfStat(line);

    // then utime + stime + cutime + cstime
    expect(ticks).toBe(120 + 45 + 300 + 35);
  });

  it("counts dockerd, containerd and the shims, nothing else", () => {
    expect(["dockerd", "containerd", "containerd-shim"].every(isDockerEngine)).toBe(true);
    expect(["docker-proxy", "postgres", "node", "runc"].some(isDockerEngine)).toBe(false);
  });
});

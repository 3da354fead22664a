import { describe, expect, it } from "vitest";
import { loadPlotSvg, niceCeiling } from "./load-plot";

describe("the load plot", () => {
  it("given values, then axes end at the next 1, 2 or 5 times a power of ten", () => {
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(130)).toBe(200);
    expect(niceCeiling(400)).toBe(500);
    expect(niceCeiling(0.3)).toBeCloseTo(0.5);
  });

  it("given phases, then the SVG has a point per phase in both panels, labelled", () => {
    const svg = loadPlotSvg(
      [
        { offered: 100, accepted: 100, completed: 98, acceptP99Ms: 20, label: "step 100/s" },
        { offered: 200, accepted: 150, completed: 120, acceptP99Ms: Number.NaN, label: "step <200>/s" },
      ],
      "title",
    );
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<circle/g)).toHaveLength(6);
    expect(svg).toContain("step &lt;200&gt;/s");
    expect(svg).not.toContain("NaN");
  });
});

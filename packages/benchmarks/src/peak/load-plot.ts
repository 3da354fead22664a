export interface PlotPoint {
  offered: number;
  accepted: number;
  completed: number;
  acceptP99Ms: number;
  label: string;
}

const WIDTH = 720;
const PANEL = 260;
const MARGIN = { left: 60, right: 20, top: 50, bottom: 50 };

/**
 * Throughput (accepted and completed sagas/s) and accept p99 against offered
 * load, one point per phase, as a self-contained SVG: two panels sharing the
 * offered-load axis, no scripts, no external fonts.
 */
export function loadPlotSvg(points: readonly PlotPoint[], title: string): string {
  const sorted = [...points].sort((a, b) => a.offered - b.offered);
  const maxX = niceCeiling(Math.max(1, ...sorted.map((p) => p.offered)));
  const maxRate = niceCeiling(Math.max(1, ...sorted.flatMap((p) => [p.accepted, p.completed, p.offered])));
  const latencies = sorted.map((p) => p.acceptP99Ms).filter(Number.isFinite);
  const maxLatency = niceCeiling(Math.max(1, ...latencies));
  const height = MARGIN.top + 2 * (PANEL + MARGIN.bottom) + 10;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const x = (value: number) => MARGIN.left + (value / maxX) * plotWidth;
  const panel = (index: number) => MARGIN.top + index * (PANEL + MARGIN.bottom);
  const y = (index: number, value: number, max: number) => panel(index) + PANEL - (value / max) * PANEL;
  const line = (index: number, values: number[], max: number, color: string) =>
    `<polyline fill="none" stroke="${color}" stroke-width="2" points="${sorted
      .map((p, i) => `${x(p.offered).toFixed(1)},${y(index, values[i]!, max).toFixed(1)}`)
      .join(" ")}"/>` +
    sorted
      .map(
        (p, i) =>
          `<circle cx="${x(p.offered).toFixed(1)}" cy="${y(index, values[i]!, max).toFixed(1)}" r="3" fill="${color}"><title>${escape(p.label)}</title></circle>`,
      )
      .join("");
  const axes = (index: number, max: number, unit: string) => {
    const top = panel(index);
    const ticks = [0, 0.25, 0.5, 0.75, 1]
      .map((f) => {
        const ty = top + PANEL - f * PANEL;
        return `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${ty}" y2="${ty}" stroke="#ddd"/><text x="${MARGIN.left - 6}" y="${ty + 4}" text-anchor="end">${round(f * max)}</text>`;
      })
      .join("");
    const xTicks = [0, 0.25, 0.5, 0.75, 1]
      .map(
        (f) =>
          `<text x="${x(f * maxX)}" y="${top + PANEL + 16}" text-anchor="middle">${round(f * maxX)}</text>`,
      )
      .join("");
    return `${ticks}${xTicks}<text x="${MARGIN.left}" y="${top - 8}" font-weight="bold">${unit}</text><text x="${WIDTH - MARGIN.right}" y="${top + PANEL + 32}" text-anchor="end">offered checkouts/s</text>`;
  };
  const identity = `<line x1="${x(0)}" y1="${y(0, 0, maxRate)}" x2="${x(Math.min(maxX, maxRate))}" y2="${y(0, Math.min(maxX, maxRate), maxRate)}" stroke="#999" stroke-dasharray="4 4"/>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="16" text-anchor="middle" font-size="14" font-weight="bold">${escape(title)}</text>`,
    axes(0, maxRate, "sagas/s: accepted (blue), completed (green), offered (dashed)"),
    identity,
    line(
      0,
      sorted.map((p) => p.accepted),
      maxRate,
      "#1f77b4",
    ),
    line(
      0,
      sorted.map((p) => p.completed),
      maxRate,
      "#2ca02c",
    ),
    axes(1, maxLatency, "checkout accept p99, ms"),
    line(
      1,
      sorted.map((p) => (Number.isFinite(p.acceptP99Ms) ? p.acceptP99Ms : 0)),
      maxLatency,
      "#d62728",
    ),
    `</svg>`,
    "",
  ].join("\n");
}

/** The next 1, 2 or 5 times a power of ten at or above `value`. */
export function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

const round = (value: number) => (Number.isInteger(value) ? value : Number(value.toFixed(1)));
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

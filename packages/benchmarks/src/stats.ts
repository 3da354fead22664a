/** The q-quantile (0..1) of a sample, by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const perSecond = (count: number, elapsedMs: number) => (count * 1000) / elapsedMs;

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of a Prometheus text exposition (comments and malformed lines skipped). */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, name, value] of (match[2] ?? "").matchAll(LABEL)) labels[name!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** Sum of one metric's samples whose labels include `where` (NaN values count as 0). */
export function sumOf(samples: readonly Sample[], name: string, where: Record<string, string> = {}): number {
  let total = 0;
  for (const sample of samples) {
    if (sample.name !== name || Number.isNaN(sample.value)) continue;
    if (Object.entries(where).every(([key, value]) => sample.labels[key] === value)) total += sample.value;
  }
  return total;
}

/** A histogram's cumulative buckets (upper bound in the metric's unit -> count at or below it). */
export type Buckets = Map<number, number>;

/** One histogram's buckets summed over every label set whose labels include `where`. */
export function bucketsOf(
  samples: readonly Sample[],
  name: string,
  where: Record<string, string> = {},
): Buckets {
  const buckets: Buckets = new Map();
  for (const sample of samples) {
    if (sample.name !== `${name}_bucket` || Number.isNaN(sample.value)) continue;
    if (!Object.entries(where).every(([key, value]) => sample.labels[key] === value)) continue;
    const le = sample.labels["le"];
    const bound = le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + sample.value);
  }
  return buckets;
}

/** What was observed between two readings of the same histogram. */
export function bucketsBetween(before: Buckets, after: Buckets): Buckets {
  return new Map([...after].map(([bound, count]) => [bound, count - (before.get(bound) ?? 0)]));
}

/**
 * The smallest bucket bound that at least `q` of the observations fall under:
 * an upper bound of the q-quantile (what a histogram can prove), Infinity when
 * it lies past the last finite bucket, NaN with no observations.
 */
export function quantileUpperBound(buckets: Buckets, q: number): number {
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  const total = buckets.get(Number.POSITIVE_INFINITY) ?? 0;
  if (total <= 0) return Number.NaN;
  return bounds.find((bound) => (buckets.get(bound) ?? 0) >= q * total) ?? Number.POSITIVE_INFINITY;
}

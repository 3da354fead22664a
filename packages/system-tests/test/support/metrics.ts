/** One sample of a Prometheus text exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads a service's GET /metrics into samples. */
export async function scrape(baseUrl: string): Promise<Sample[]> {
  const response = await fetch(`${baseUrl}/metrics`);
  if (response.status !== 200) throw new Error(`GET ${baseUrl}/metrics answered ${response.status}`);
  const samples: Sample[] = [];
  for (const line of (await response.text()).split("\n")) {
    const match = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, name, value] of (match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[name!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The samples of `name` whose labels include `labels`. */
export const samplesOf = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );

/** The value of the one sample of `name` with these labels; throws if there is none. */
export function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const [sample, ...others] = samplesOf(samples, name, labels);
  if (!sample || others.length > 0)
    throw new Error(
      `expected one ${name}${JSON.stringify(labels)}, found ${others.length + (sample ? 1 : 0)}`,
    );
  return sample.value;
}

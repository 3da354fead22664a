import type { GatewayShopper } from "./gateway-shopper";
import type { PeakBenchmarkOptions } from "./peak-benchmark";

/** Most arrivals the run can make, so no SKU sells out and every saga runs its full course. */
export function stockPerSku(options: PeakBenchmarkOptions): number {
  const top = Math.max(...options.steps, 1);
  const arrivals =
    options.lowLoad.orders +
    options.steps.reduce((sum, rate) => sum + rate * options.stepSeconds, 0) +
    (options.holdRate ?? top * options.holdFraction) * options.holdSeconds +
    top * options.overloadFactor * options.overloadSeconds;
  return Math.ceil((arrivals * 1.2) / options.skuCount) + 10;
}

/** Puts the run's SKUs on sale through the admin API, each with stockPerSku units. */
export async function putOnSale(
  shopper: GatewayShopper,
  run: string,
  options: PeakBenchmarkOptions,
): Promise<string[]> {
  const admin = await shopper.token(`peak-${run}-ops`, ["admin"]);
  const skus = Array.from({ length: options.skuCount }, (_, i) => `peak-${run}-${i}`);
  for (const sku of skus) {
    const answer = await shopper.call("PUT", `/v1/admin/products/${sku}`, admin, {
      name: `Peak lantern ${sku}`,
      priceCents: 1999,
      currency: "EUR",
      stock: stockPerSku(options),
    });
    if (answer.status >= 300) throw new Error(`PUT /v1/admin/products/${sku} answered ${answer.status}`);
  }
  return skus;
}

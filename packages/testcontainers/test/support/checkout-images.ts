import { resolveImages } from "@peakshop/testing";
import { fileURLToPath } from "node:url";
import { buildServiceImage, SERVICES, type PeakshopService } from "../../src";

export const REPOSITORY = fileURLToPath(new URL("../../../../", import.meta.url));

/**
 * Builds this checkout's service images (tag dev, as scripts/up.sh does) and
 * names the Kafka, PostgreSQL and SMTP images this machine uses.
 */
export async function buildCheckoutImages(): Promise<{ postgres: string; kafka: string; smtp: string }> {
  for (const service of Object.keys(SERVICES) as PeakshopService[])
    await buildServiceImage(service, {
      repository: REPOSITORY,
      nodeImage: process.env["PEAKSHOP_NODE_IMAGE"],
    });
  const { postgres, kafka, smtp } = resolveImages();
  return { postgres, kafka, smtp };
}

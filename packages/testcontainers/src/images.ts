/** The services of peakshop, each an image, and the port it listens on. */
export const SERVICES = {
  gateway: 3000,
  order: 3001,
  cart: 3002,
  inventory: 3003,
  payment: 3004,
  notification: 3005,
  "bank-simulator": 4000,
} as const;
export type PeakshopService = keyof typeof SERVICES;

/** Every image the environment runs; any of them can be replaced (a registry mirror, a build of your own). */
export interface PeakshopImages extends Record<PeakshopService, string> {
  postgres: string;
  kafka: string;
  /** An SMTP server that accepts every e-mail (notification sends to it). */
  smtp: string;
}

export interface ImageOptions {
  /** Where peakshop's service images come from: `<prefix>/<service>:<tag>`. Default `peakshop`. */
  prefix?: string;
  /** Default `latest`; `bash scripts/up.sh` in the peakshop repository builds `dev`. */
  tag?: string;
  /** Replaces single images, e.g. `{ kafka: "my-registry/kafka:4.3.1" }`. */
  images?: Partial<PeakshopImages>;
}

/** The images to run: the official ones unless told otherwise. */
export function imagesOf({ prefix = "peakshop", tag = "latest", images = {} }: ImageOptions): PeakshopImages {
  const services = Object.fromEntries(
    Object.keys(SERVICES).map((service) => [service, `${prefix}/${service}:${tag}`]),
  ) as Record<PeakshopService, string>;
  return {
    postgres: "postgres:17.7-trixie",
    kafka: "apache/kafka:4.3.1",
    smtp: "axllent/mailpit:v1.27",
    ...services,
    ...images,
  };
}

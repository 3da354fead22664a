import { GenericContainer } from "testcontainers";
import { SERVICES, type PeakshopService } from "./images";

export interface BuildOptions {
  /** The root of a peakshop checkout. */
  repository: string;
  /** Default `dev`, the tag `bash scripts/up.sh` builds, so layers are shared with it. */
  tag?: string;
  /** The Node.js base image (NODE_IMAGE); default the Dockerfile's. */
  nodeImage?: string;
}

/**
 * Builds a service's image from a peakshop checkout (infra/docker/service.Dockerfile),
 * as `bash scripts/up.sh` does, for tests of unreleased code; returns its name.
 * Every service shares the layers that install and build the workspace.
 */
export async function buildServiceImage(service: PeakshopService, options: BuildOptions): Promise<string> {
  const builder = GenericContainer.fromDockerfile(
    options.repository,
    "infra/docker/service.Dockerfile",
  ).withBuildArgs({
    SERVICE: service,
    PORT: String(SERVICES[service]),
    ...(options.nodeImage ? { NODE_IMAGE: options.nodeImage } : {}),
  });
  const image = `peakshop/${service}:${options.tag ?? "dev"}`;
  await builder.build(image, { deleteOnExit: false });
  return image;
}

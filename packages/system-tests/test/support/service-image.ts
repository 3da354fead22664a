import { GenericContainer, type StartedTestContainer } from "testcontainers";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const REPOSITORY = fileURLToPath(new URL("../../../../", import.meta.url));

/** Each app and the port its image is built for (as in docker-compose.yml). */
export const SERVICE_PORTS = {
  gateway: 3000,
  order: 3001,
  cart: 3002,
  inventory: 3003,
  payment: 3004,
  notification: 3005,
  "bank-simulator": 4000,
} as const;
export type ServiceName = keyof typeof SERVICE_PORTS;

/**
 * Builds an app's image from infra/docker/service.Dockerfile, as scripts/up.sh
 * does and with the same tag, so the layers are shared with it and between
 * apps. NODE_IMAGE is the configured base (the locally built one offline).
 */
export async function buildServiceImage(service: ServiceName): Promise<string> {
  const builder = GenericContainer.fromDockerfile(
    REPOSITORY,
    "infra/docker/service.Dockerfile",
  ).withBuildArgs({
    SERVICE: service,
    PORT: String(SERVICE_PORTS[service]),
    ...(process.env["PEAKSHOP_NODE_IMAGE"] ? { NODE_IMAGE: process.env["PEAKSHOP_NODE_IMAGE"] } : {}),
  });
  const image = `peakshop/${service}:dev`;
  await builder.build(image, { deleteOnExit: false });
  return image;
}

/**
 * A container run as the Helm chart runs it: read-only root filesystem with a
 * writable /tmp, every capability dropped, no privilege escalation, the
 * image's own (non-root) user. testcontainers has no switch for the read-only
 * root filesystem, hence this subclass.
 */
export class HardenedContainer extends GenericContainer {
  constructor(image: string) {
    super(image);
    this.hostConfig.ReadonlyRootfs = true;
    this.withTmpFs({ "/tmp": "rw,size=64m" })
      .withDroppedCapabilities("ALL")
      .withSecurityOpt("no-new-privileges");
  }
}

/** A TCP port nobody listens on now, for a container on the host network. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export type { StartedTestContainer };

import {
  buildServiceImage as buildFromCheckout,
  SERVICES,
  type PeakshopService,
} from "@peakshop/testcontainers";
import { GenericContainer, type StartedTestContainer } from "testcontainers";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const REPOSITORY = fileURLToPath(new URL("../../../", import.meta.url));

/** Each app and the port its image is built for (as in docker-compose.yml). */
export const SERVICE_PORTS = SERVICES;
export type ServiceName = PeakshopService;

/** Builds an app's image from this checkout, tagged as scripts/up.sh tags it. */
export const buildServiceImage = (service: ServiceName): Promise<string> =>
  buildFromCheckout(service, { repository: REPOSITORY, nodeImage: process.env["PEAKSHOP_NODE_IMAGE"] });

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

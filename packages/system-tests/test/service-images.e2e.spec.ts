import { testContext, waitFor } from "@peakshop/testing";
import type { Readable } from "node:stream";
import { getContainerRuntimeClient } from "testcontainers";
import { describe, expect, inject, it } from "vitest";
import {
  buildServiceImage,
  freePort,
  HardenedContainer,
  SERVICE_PORTS,
  type ServiceName,
  type StartedTestContainer,
} from "../src/service-images";

const ctx = testContext(inject("peakshopInfrastructure"));

/** What each app needs beyond a database to start; services it calls need not answer for it to be ready. */
function settingsOf(service: ServiceName): Record<string, string> {
  const nowhere = "http://127.0.0.1:9";
  const kafka = { KAFKA_BROKERS: ctx.brokers.join(","), KAFKA_GROUP_ID: ctx.uniqueName(service) };
  switch (service) {
    case "gateway":
      return {
        INVENTORY_URL: nowhere,
        CART_URL: nowhere,
        ORDER_URL: nowhere,
        NOTIFICATION_URL: nowhere,
        PAYMENT_URL: nowhere,
        AUTH_DEV_SECRET: "a-test-secret-of-at-least-32-characters",
      };
    case "bank-simulator":
      return {};
    case "cart":
      return { ...kafka, INVENTORY_URL: nowhere };
    case "payment":
      return { ...kafka, BANK_URL: nowhere };
    default:
      return kafka;
  }
}

const collect = (stream: Readable, into: string[]) => stream.on("data", (chunk) => into.push(String(chunk)));

/**
 * Every app's image, built here from the configured base images, started the
 * way the Helm chart runs it (non-root, read-only root filesystem, no
 * capabilities) against the run's real Kafka and PostgreSQL: it migrates its
 * database, reports ready, and stops cleanly on SIGTERM. The containers share
 * the host's network, so they reach the test infrastructure at the addresses
 * the tests use.
 */
describe.each(Object.keys(SERVICE_PORTS) as ServiceName[])("the %s image", (service) => {
  it("builds, starts ready as a non-root user on a read-only filesystem, and stops on SIGTERM", async () => {
    const image = await buildServiceImage(service);
    const port = await freePort();
    const logs: string[] = [];
    let container: StartedTestContainer | undefined;
    try {
      container = await new HardenedContainer(image)
        .withNetworkMode("host")
        .withEnvironment({
          ...settingsOf(service),
          DATABASE_URL: await ctx.createDatabase(ctx.uniqueName(service.replace("-", "_"))),
          HTTP_HOST: "127.0.0.1",
          HTTP_PORT: String(port),
          LOG_LEVEL: "info",
        })
        .withLogConsumer((stream) => collect(stream, logs))
        .start();

      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.ok,
        { timeoutMs: 90_000, intervalMs: 500, description: `${service} ready` },
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${logs.join("").slice(-4000)}`);
      });
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);

      const uid = await container.exec(["node", "-e", "process.stdout.write(String(process.getuid()))"]);
      expect(uid.output.trim()).not.toBe("0");
      const write = await container.exec(["node", "-e", "require('fs').writeFileSync('/app/probe', 'x')"]);
      expect(write.exitCode).not.toBe(0);
      expect(write.output).toMatch(/EROFS|read-only/);

      // SIGTERM, then the exit code: 0 means the service drained and closed by itself in time.
      const stopped = await container.stop({ timeout: 30_000, remove: false });
      container = undefined;
      const runtime = await getContainerRuntimeClient();
      const handle = runtime.container.getById(stopped.getId());
      const { State } = await runtime.container.inspect(handle);
      await runtime.container.remove(handle, { removeVolumes: true });
      expect(State.ExitCode, logs.join("").slice(-4000)).toBe(0);
    } finally {
      await container?.stop();
    }
  }, 600_000);
});

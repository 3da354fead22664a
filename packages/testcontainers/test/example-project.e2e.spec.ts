import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCheckoutImages, REPOSITORY } from "./support/checkout-images";

const PACKAGES = ["packages/client", "packages/testcontainers"].map((dir) => join(REPOSITORY, dir));
const EXAMPLE = join(REPOSITORY, "examples/integration-test");

/** Runs a command to its end, its output kept for the failure message. */
const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  promisify(execFile)(command, args, {
    cwd,
    env: { ...process.env, ...env },
    timeout: 900_000,
    maxBuffer: 16 * 1024 * 1024,
  });

/**
 * examples/integration-test as another team runs it: the packed tarballs of
 * @peakshop/client and @peakshop/testcontainers installed in a project outside
 * the workspace, whose own test starts peakshop (this checkout's images) and
 * checks out through a bank outage.
 */
describe("the example integration test, from the packed packages", () => {
  let images: Awaited<ReturnType<typeof buildCheckoutImages>>;

  beforeAll(async () => {
    images = await buildCheckoutImages();
  }, 1_200_000);

  it("passes outside the monorepo", { timeout: 1_200_000 }, async () => {
    const work = await mkdtemp(join(tmpdir(), "peakshop-example-"));
    try {
      for (const dir of PACKAGES) await run("pnpm", ["pack", "--pack-destination", work], dir);
      const tarballs = (await readdir(work)).filter((name) => name.endsWith(".tgz"));
      expect(tarballs).toHaveLength(2);
      const example = join(work, "integration-test");
      await cp(EXAMPLE, example, { recursive: true });
      await run("pnpm", ["add", "--save-dev", ...tarballs.map((name) => join(work, name))], example);
      const result = await run(
        process.execPath,
        ["--test", "--test-reporter=tap", "--test-timeout=600000"],
        example,
        {
          PEAKSHOP_IMAGE_TAG: "dev",
          PEAKSHOP_POSTGRES_IMAGE: images.postgres,
          PEAKSHOP_KAFKA_IMAGE: images.kafka,
          PEAKSHOP_SMTP_IMAGE: images.smtp,
        },
      ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(
          `the example's test failed:\n${error.stdout ?? ""}\n${error.stderr ?? error.message}`,
        );
      });
      expect(result.stdout).toMatch(/# pass 1\n/);
      expect(result.stdout).toMatch(/# fail 0\n/);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

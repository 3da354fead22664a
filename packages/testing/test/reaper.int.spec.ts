import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { resolveImages, waitFor } from "../src/index";

const run = promisify(execFile);
const fixture = fileURLToPath(new URL("./fixtures/start-container-and-hang.mjs", import.meta.url));

async function containerExists(id: string): Promise<boolean> {
  try {
    await run("docker", ["inspect", "--format", "{{.Id}}", id]);
    return true;
  } catch {
    return false;
  }
}

describe("container cleanup", () => {
  it("removes a test's containers after the test process is killed", async () => {
    const images = resolveImages();
    const child = spawn(process.execPath, [fixture], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: {
        ...process.env,
        FIXTURE_IMAGE: images.postgres,
        RYUK_CONTAINER_IMAGE: images.reaper,
        // A reaper of its own (not this run's shared one), quick to act.
        TESTCONTAINERS_RYUK_TEST_LABEL: "true",
        TESTCONTAINERS_RYUK_RECONNECTION_TIMEOUT: "1s",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [firstLine] = (await once(child.stdout, "data")) as [Buffer];
    const containerId = firstLine.toString().trim();
    expect(await containerExists(containerId)).toBe(true);

    child.kill("SIGKILL");
    await once(child, "exit");

    await waitFor(async () => !(await containerExists(containerId)), {
      timeoutMs: 60_000,
      intervalMs: 500,
      description: `container ${containerId.slice(0, 12)} to be removed by the reaper`,
    });
  });
});

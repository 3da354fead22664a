import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveImages } from "./images";

function repoWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "peakshop-images-"));
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages: []\n");
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const defaults = [
  "PEAKSHOP_POSTGRES_IMAGE=postgres:17",
  "PEAKSHOP_KAFKA_IMAGE=apache/kafka:4.3.1",
  "PEAKSHOP_REAPER_IMAGE=testcontainers/ryuk:0.14.0",
  "PEAKSHOP_SMTP_IMAGE=axllent/mailpit:v1.27",
].join("\n");

describe("resolveImages", () => {
  it("uses the official defaults when nothing else is configured", () => {
    const root = repoWith({ "infra/images/images.env": defaults });
    expect(resolveImages({}, join(root, "packages"))).toEqual({
      postgres: "postgres:17",
      kafka: "apache/kafka:4.3.1",
      reaper: "testcontainers/ryuk:0.14.0",
      smtp: "axllent/mailpit:v1.27",
    });
  });

  it("prefers locally built images, and the environment over both", () => {
    const root = repoWith({
      "infra/images/images.env": defaults,
      ".peakshop/images.env": "PEAKSHOP_KAFKA_IMAGE=peakshop-local/kafka:4.3.1\n",
    });
    const images = resolveImages({ PEAKSHOP_POSTGRES_IMAGE: "registry.example/pg:17" }, root);
    expect(images.kafka).toBe("peakshop-local/kafka:4.3.1");
    expect(images.postgres).toBe("registry.example/pg:17");
  });

  it("says which variable is missing", () => {
    const root = repoWith({ "infra/images/images.env": "PEAKSHOP_POSTGRES_IMAGE=postgres:17\n" });
    expect(() => resolveImages({}, root)).toThrow(/PEAKSHOP_KAFKA_IMAGE/);
  });
});

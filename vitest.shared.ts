// One test runner for the whole monorepo. Every package's vitest.config.ts calls
// this, so unit, integration and end-to-end projects behave alike everywhere.
import { fileURLToPath } from "node:url";
import swc from "unplugin-swc";
import { defaultServerConditions } from "vite";
import { defineConfig, type ViteUserConfig } from "vitest/config";

// Containers start once per package run; integration files then share them.
const CONTAINER_TIMEOUT_MS = 300_000;

const infrastructureSetup = fileURLToPath(
  new URL("./packages/testing/src/vitest-global-setup.ts", import.meta.url),
);

export interface PeakshopVitestOptions {
  /** Start real PostgreSQL and Kafka once for the package's int and e2e tests. */
  infrastructure?: boolean;
}

export function peakshopVitestConfig({ infrastructure = false }: PeakshopVitestOptions = {}): ViteUserConfig {
  const globalSetup = infrastructure ? [infrastructureSetup] : [];
  return defineConfig({
    // SWC emits decorator metadata, which NestJS's dependency injection reads.
    plugins: [swc.vite({ module: { type: "es6" } })],
    // Workspace packages resolve to their TypeScript sources, never to a stale dist/.
    resolve: { conditions: ["@peakshop/source"] },
    ssr: { resolve: { conditions: ["@peakshop/source", ...defaultServerConditions] } },
    test: {
      projects: [
        {
          extends: true,
          test: { name: "unit", include: ["src/**/*.unit.spec.ts"], environment: "node" },
        },
        {
          extends: true,
          test: {
            name: "int",
            include: ["src/**/*.int.spec.ts", "test/**/*.int.spec.ts"],
            testTimeout: 120_000,
            hookTimeout: CONTAINER_TIMEOUT_MS,
            fileParallelism: false,
            globalSetup,
          },
        },
        {
          extends: true,
          test: {
            name: "e2e",
            include: ["test/**/*.e2e.spec.ts"],
            testTimeout: 180_000,
            hookTimeout: CONTAINER_TIMEOUT_MS,
            fileParallelism: false,
            globalSetup,
          },
        },
      ],
    },
  });
}

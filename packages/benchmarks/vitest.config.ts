import { defineConfig, mergeConfig } from "vitest/config";
import { peakshopVitestConfig } from "../../vitest.shared";

// Benchmarks run alone (`pnpm bench`), never in the test suites: they take
// minutes and their figures mean something only on a quiet machine.
export default mergeConfig(
  peakshopVitestConfig(),
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: "bench",
            include: ["src/**/*.bench.ts"],
            testTimeout: 900_000,
            hookTimeout: 300_000,
            fileParallelism: false,
          },
        },
      ],
    },
  }),
);

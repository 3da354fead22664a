import { defineConfig, mergeConfig } from "vitest/config";
import { peakshopVitestConfig } from "../../vitest.shared";

// Benchmarks run alone (`pnpm bench`, `pnpm bench:peak`), never in the test
// suites: they take minutes and their figures mean something only on a quiet
// machine. The suites run their unit tests and bench:peak in small (e2e), for
// correctness only, so the benchmark cannot rot.
export default mergeConfig(
  peakshopVitestConfig({ infrastructure: true }),
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

// One lint setup for the monorepo. Besides typescript-eslint's recommended
// rules it enforces the house boundaries: domain code stays pure,
// kafkajs lives only behind the Kafka port, and apps never import other apps.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const impureForDomain = ["@nestjs/*", "typeorm", "pg", "kafkajs", "node:*", "fs", "crypto", "zod"];

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "**/reports/**",
      "**/coverage/**",
      "infra/**",
      "packages/client/src/generated/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ["**/*.mjs"], languageOptions: { globals: globals.node } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["apps/**/*.ts", "packages/**/*.ts"],
    ignores: ["packages/platform-nest/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "kafkajs", message: "Use the Kafka port from @peakshop/platform-nest." }],
          patterns: [
            { group: ["**/apps/*/**", "../../../apps/**"], message: "Apps never import other apps." },
          ],
        },
      ],
    },
  },
  {
    files: ["apps/*/src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: impureForDomain,
              message: "Domain code is pure: no frameworks, drivers, I/O or clocks.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["apps/*/src/**/*.ts"],
    ignores: ["apps/*/src/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "kafkajs", message: "Use the Kafka port from @peakshop/platform-nest." }],
          patterns: [
            {
              group: [
                "@peakshop/order",
                "@peakshop/order/*",
                "@peakshop/notification",
                "@peakshop/notification/*",
                "@peakshop/cart*",
                "@peakshop/inventory*",
                "@peakshop/payment*",
                "@peakshop/gateway*",
                "@peakshop/bank-simulator*",
              ],
              message: "Apps never import other apps.",
            },
          ],
        },
      ],
    },
  },
);

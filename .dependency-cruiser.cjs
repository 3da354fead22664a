// The layering every app follows (domain <- application <- adapters), checked
// in CI by `pnpm lint:layers`; any violation fails.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment: "Domain code decides; it imports only its own domain, the contracts and pure libraries.",
      severity: "error",
      from: { path: "^apps/([^/]+)/src/domain/" },
      to: {
        pathNot: [
          "^apps/$1/src/domain/",
          "^packages/contracts/",
          "node_modules/(zod|fast-check|@types/node)/",
          "^(node:)?(crypto)$",
        ],
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "application-not-adapters",
      comment: "Application code talks to ports; adapters implement them.",
      severity: "error",
      from: { path: "^apps/[^/]+/src/application/" },
      to: { path: "^apps/[^/]+/src/adapters/" },
    },
    {
      name: "no-app-imports-another",
      comment: "Apps talk over Kafka and HTTP, never by importing each other.",
      severity: "error",
      from: { path: "^apps/([^/]+)/src/" },
      to: { path: "^apps/[^/]+/", pathNot: "^apps/$1/" },
    },
    {
      name: "nothing-imports-a-migration",
      comment:
        "A migration's SQL is frozen once it has run; only the list that registers migrations names them.",
      severity: "error",
      from: {
        pathNot: [
          "app\\.module\\.ts$",
          "/migrations/index\\.ts$",
          "eventsourcing/src/index\\.ts$",
          "\\.spec\\.ts$",
        ],
      },
      to: { path: "/migrations/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|reports)/|\\.spec\\.ts$|/test/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: { conditionNames: ["@peakshop/source", "import", "require", "node", "default"] },
  },
};

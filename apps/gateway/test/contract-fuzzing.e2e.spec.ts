import { testContext } from "@peakshop/testing";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startGatewayHarness, type GatewayHarness } from "./support/gateway-harness";

// Schemathesis generates requests from the gateway's own /openapi.json (valid
// ones, and ones that break the schema on purpose, then sequences that follow
// the document's links) against the whole system in this process, and checks
// every answer: no server error, no status code the
// document does not list for the operation, and 405 for a method a path does
// not take. Fixed seed, bounded examples: the same cases every run.

const ctx = testContext(inject("peakshopInfrastructure"));
const SCHEMATHESIS = process.env.PEAKSHOP_SCHEMATHESIS;
const RUN_TIMEOUT_MS = 8 * 60_000;

describe("the gateway's OpenAPI document against the gateway (schemathesis)", () => {
  let h: GatewayHarness;

  beforeAll(async () => {
    // Rate limits far above the run's pace: a 429 is documented, but answers that
    // are mostly 429 would leave the routes behind them untested.
    h = await startGatewayHarness(ctx, {
      RATE_LIMIT_PER_CUSTOMER: "100000",
      CHECKOUT_LIMIT_PER_CUSTOMER: "100000",
    });
    await h.productOnSale();
  });

  afterAll(async () => {
    await h?.stop();
  });

  it(
    "finds no server error, no undocumented status code, and 405 for undeclared methods",
    async () => {
      expect(
        SCHEMATHESIS,
        "PEAKSHOP_SCHEMATHESIS: run bash scripts/setup.sh, which installs it",
      ).toBeTruthy();
      const workDir = mkdtempSync(join(tmpdir(), "peakshop-schemathesis-"));
      const junitPath = join(workDir, "junit.xml");
      const run = await runSchemathesis(workDir, [
        "run",
        `${h.base}/openapi.json`,
        "--checks=not_a_server_error,status_code_conformance,unsupported_method",
        // An admin is a customer too, so every route is reachable with its token.
        `--header=Authorization: Bearer ${h.tokenOf(h.admin)}`,
        // stateful: sequences that follow the document's links (a checkout,
        // then its order read and cancelled), so routes that need a real
        // order id are reached with one.
        "--phases=examples,coverage,fuzzing,stateful",
        // An event stream stays open until its order is final or the client leaves:
        // every case would wait out the request timeout. event-streams.e2e covers them.
        "--exclude-path-regex=/stream$",
        "--max-examples=100",
        "--seed=20261111",
        "--workers=1",
        "--request-timeout=10",
        "--generation-database=none",
        "--no-color",
        "--report=junit",
        `--report-junit-path=${junitPath}`,
      ]);
      console.log(run.output.split("SUMMARY").at(-1));
      expect(run.code, `schemathesis found failures:\n${run.output.slice(-20_000)}`).toBe(0);
      // It ran cases, rather than stopping before the first one, and the
      // stateful phase ran: it found links to follow (without any it is skipped).
      const junit = readFileSync(junitPath, "utf8");
      expect(junit).toMatch(/<testcase /);
      expect(junit).toMatch(/<testcase name="Stateful tests"/);
    },
    RUN_TIMEOUT_MS + 60_000,
  );
});

/** Runs `st` in `cwd` (where it keeps its cache), bounded in time. */
function runSchemathesis(cwd: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      SCHEMATHESIS!,
      args,
      { cwd, timeout: RUN_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

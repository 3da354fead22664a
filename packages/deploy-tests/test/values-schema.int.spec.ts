import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { helm, templateArgs, templateError } from "./support/helm";
import { DEFAULT_VALUES } from "./support/renders";

const SCHEMA_ERROR = "don't meet the specifications of the schema";
const scratch = mkdtempSync(path.join(tmpdir(), "peakshop-values-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("values.schema.json", () => {
  it.each([
    ["a negative replica count", "gateway.replicas=-1", "/gateway/replicas"],
    ["zero replicas (the apps run background workers)", "order.replicas=0", "/order/replicas"],
    ["an unknown app key", "gateway.replica=3", "replica"],
    ["an unknown top-level key", "gatway.replicas=3", "gatway"],
    ["an unknown app setting", "payment.config.BANK_URL=http://bank", "BANK_URL"],
    ["a setting of the wrong type", "inventory.config.STOCK_BUCKETS=lots", "STOCK_BUCKETS"],
    ["a setting out of its range", "inventory.config.STOCK_BUCKETS=65", "STOCK_BUCKETS"],
    ["a malformed digest", "gateway.image.digest=latest", "/gateway/image/digest"],
    ["KEDA for an app that consumes nothing", "cart.autoscaling.keda.enabled=true", "keda"],
    ["an unknown auth mode", "gateway.auth.mode=none", "/gateway/auth/mode"],
    ["a broker without a port", "kafka.brokers[0]=kafka", "/kafka/brokers/0"],
  ])("rejects %s", (_what, assignment, where) => {
    const error = templateError({ values: DEFAULT_VALUES, set: [assignment] });
    expect(error).toContain(SCHEMA_ERROR);
    expect(error).toContain(where);
  });

  it("rejects a values file with a misspelt key", () => {
    const file = path.join(scratch, "typo.yaml");
    writeFileSync(file, "networkPolicy:\n  egres:\n    enabled: false\n");
    const result = helm(templateArgs({ values: [...DEFAULT_VALUES, file] }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(SCHEMA_ERROR);
    expect(result.stderr).toContain("egres");
  });

  it("requires requests and limits", () => {
    const error = templateError({ values: DEFAULT_VALUES, set: ["order.resources.requests=null"] });
    expect(error).toContain("requests");
  });
});

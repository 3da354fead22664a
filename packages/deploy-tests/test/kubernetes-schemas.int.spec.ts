import { describe, expect, it } from "vitest";
import { validateManifest } from "./support/kubernetes-models";
import { RENDERS } from "./support/renders";

describe.each(RENDERS)("the $name render", ({ manifests }) => {
  it("is made only of objects valid against their API schema", () => {
    const problems = manifests().flatMap((manifest) => {
      try {
        validateManifest(manifest);
        return [];
      } catch (error) {
        return [(error as Error).message];
      }
    });
    expect(problems).toEqual([]);
  });

  it("puts every object in the release's namespace unless told otherwise", () => {
    const elsewhere = manifests().filter(
      (manifest) => manifest.kind !== "KafkaTopic" && manifest.metadata.namespace !== "shop",
    );
    expect(elsewhere.map((manifest) => `${manifest.kind}/${manifest.metadata.name}`)).toEqual([]);
  });
});

describe("the schema check", () => {
  it("refuses a kind it has no schema for rather than skipping it", () => {
    const unknown = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } };
    expect(() => validateManifest(unknown)).toThrow(
      "example.com/v1/Widget w: no schema to validate it against",
    );
  });

  it("refuses an object that breaks its schema", () => {
    const broken = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: { replicas: "two" },
    };
    expect(() => validateManifest(broken)).toThrow("apps/v1/Deployment d");
  });
});

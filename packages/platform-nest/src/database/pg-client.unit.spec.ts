import { describe, expect, it } from "vitest";
import { statementNameOf } from "./pg-client";

describe("statementNameOf", () => {
  it("given the same text twice, then it names one statement", () => {
    const text = "SELECT $1::int AS unit_test_a";
    expect(statementNameOf(text)).toBe(statementNameOf(text));
  });

  it("given two texts, then their names differ", () => {
    expect(statementNameOf("SELECT $1::int AS unit_test_b")).not.toBe(
      statementNameOf("SELECT $1::int AS unit_test_c"),
    );
  });

  it("given a text too long to keep, then it is not named", () => {
    expect(statementNameOf(`SELECT ${"1 + ".repeat(10_000)}$1::int`)).toBeUndefined();
  });
});

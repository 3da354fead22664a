import { describe, expect, it } from "vitest";
import { z } from "zod";
import { classifyFailure, PermanentFailure } from "./failure-kinds";

describe("classifyFailure", () => {
  it("treats bad input as permanent", () => {
    expect(classifyFailure(new PermanentFailure("unknown sku"))).toBe("permanent");
    expect(classifyFailure(z.object({ a: z.string() }).safeParse({}).error)).toBe("permanent");
    expect(classifyFailure(new SyntaxError("Unexpected token"))).toBe("permanent");
  });

  it("treats our own database or broker being unreachable as infrastructure", () => {
    expect(
      classifyFailure(
        Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      ),
    ).toBe("infrastructure");
    expect(classifyFailure(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(
      "infrastructure",
    );
    expect(classifyFailure(new Error("Connection terminated unexpectedly"))).toBe("infrastructure");
  });

  it("treats anything else as transient: retried, then dead-lettered", () => {
    expect(classifyFailure(new Error("deadlock detected"))).toBe("transient");
    expect(classifyFailure("a string")).toBe("transient");
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseRequest } from "./parse-request";
import { ProblemException } from "./problem-details.filter";

const body = z.strictObject({ sku: z.string().min(1), quantity: z.number().int() });

function problemOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemException);
    return {
      status: (error as ProblemException).getStatus(),
      body: (error as ProblemException).getResponse(),
    };
  }
  throw new Error("expected a ProblemException");
}

describe("parseRequest", () => {
  it("returns the parsed value", () => {
    expect(parseRequest(body, { sku: "A-1", quantity: 2 }, "body")).toEqual({ sku: "A-1", quantity: 2 });
  });

  it("answers a mismatch 400 invalid-request, one entry per field, named from where", () => {
    const problem = problemOf(() => parseRequest(body, { sku: "", quantity: 1.5, price: 1 }, "body"));
    expect(problem.status).toBe(400);
    expect(problem.body).toMatchObject({
      type: "urn:peakshop:problem:invalid-request",
      title: "Invalid request",
      status: 400,
    });
    const { errors, detail } = problem.body as { errors: { field: string }[]; detail: string };
    expect(errors.map((error) => error.field).sort()).toEqual(["body", "body.quantity", "body.sku"]);
    expect(detail).toContain("body.sku: ");
  });

  it("names a scalar by where alone", () => {
    const problem = problemOf(() => parseRequest(z.string().max(3), "toolong", "header.idempotency-key"));
    expect(problem.body).toMatchObject({ errors: [{ field: "header.idempotency-key" }] });
  });
});

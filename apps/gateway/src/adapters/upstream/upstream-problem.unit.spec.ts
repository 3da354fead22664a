import { describe, expect, it } from "vitest";
import { upstreamFailure, UpstreamProblem, UpstreamUnavailable } from "./upstream-problem";

describe("upstreamFailure", () => {
  it("passes a service's problem on with its status", () => {
    const problem = {
      type: "urn:peakshop:problem:cart-empty",
      title: "Cart empty",
      status: 422,
      detail: "Add items.",
    };
    const failure = upstreamFailure("cart", 422, problem);
    expect(failure).toBeInstanceOf(UpstreamProblem);
    expect((failure as UpstreamProblem).problem).toEqual(problem);
  });

  it("turns a plain error body into a problem", () => {
    const failure = upstreamFailure("order", 404, {
      statusCode: 404,
      message: "no order",
      error: "Not Found",
    });
    expect((failure as UpstreamProblem).problem).toEqual({
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "no order",
    });
  });

  it.each([502, 503, 504])("reads %i as unavailable (retry later)", (status) => {
    expect(upstreamFailure("cart", status, undefined)).toBeInstanceOf(UpstreamUnavailable);
  });

  it("hides a service's internal error behind 502", () => {
    const failure = upstreamFailure("cart", 500, { stack: "secret" }) as UpstreamProblem;
    expect(failure.problem.status).toBe(502);
    expect(JSON.stringify(failure.problem)).not.toContain("secret");
  });
});

import { describe, expect, it } from "vitest";
import { searchOf } from "./upstream.client";

describe("the query string of an upstream call", () => {
  it("given parameters, some left undefined, then only those given are sent, encoded", () => {
    expect(searchOf({ customerId: "ada lovelace", status: undefined, limit: 20, cursor: "a/b+c" })).toBe(
      "?customerId=ada+lovelace&limit=20&cursor=a%2Fb%2Bc",
    );
  });

  it("given none, then the path goes alone", () => {
    expect(searchOf({ limit: undefined })).toBe("");
    expect(searchOf()).toBe("");
  });
});

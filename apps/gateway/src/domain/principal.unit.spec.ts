import { describe, expect, it } from "vitest";
import { isAdmin, principalFromClaims } from "./principal";

describe("principalFromClaims", () => {
  it("takes the customer from sub and the roles that are strings", () => {
    const principal = principalFromClaims({ sub: "alice", roles: ["admin", 7, "admin", null] });
    expect(principal).toEqual({ customerId: "alice", roles: ["admin"] });
    expect(principal && isAdmin(principal)).toBe(true);
  });

  it("gives a token without roles none", () => {
    const principal = principalFromClaims({ sub: "bob" });
    expect(principal).toEqual({ customerId: "bob", roles: [] });
    expect(principal && isAdmin(principal)).toBe(false);
  });

  it("ignores roles that are not a list", () => {
    expect(principalFromClaims({ sub: "bob", roles: "admin" })?.roles).toEqual([]);
  });

  it.each([undefined, "", 42, "has space", "x".repeat(129), "naïve"])("refuses sub %j", (sub) => {
    expect(principalFromClaims({ sub })).toBeUndefined();
  });
});

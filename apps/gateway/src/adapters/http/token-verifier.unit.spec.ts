import {
  DEV_TOKEN_AUDIENCE as DEV_AUDIENCE,
  DEV_TOKEN_ISSUER as DEV_ISSUER,
  signDevToken,
} from "@peakshop/client/dev-token";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { gatewayConfigSchema, type GatewayConfig } from "../../config";
import { bearerToken } from "./auth.guard";
import { TokenVerifier } from "./token-verifier";

const SECRET = "a-unit-test-secret-of-32-characters!";
const config = (env: Record<string, string> = {}): GatewayConfig =>
  gatewayConfigSchema.parse({
    DATABASE_URL: "postgres://u:p@localhost:5432/gateway",
    INVENTORY_URL: "http://inventory:3003",
    CART_URL: "http://cart:3002",
    ORDER_URL: "http://order:3001",
    NOTIFICATION_URL: "http://notification:3005",
    PAYMENT_URL: "http://payment:3004",
    AUTH_DEV_SECRET: SECRET,
    ...env,
  });

describe("TokenVerifier in dev mode", () => {
  const verifier = new TokenVerifier(config());

  it("verifies its own dev tokens", async () => {
    const token = await verifier.devToken("alice", ["admin"]);
    expect(await verifier.verify(token)).toEqual({ customerId: "alice", roles: ["admin"] });
  });

  it("verifies tokens load generators sign with the client's signDevToken", async () => {
    const token = await signDevToken({ secret: SECRET, customerId: "carol", roles: ["admin"] });
    expect(await verifier.verify(token)).toEqual({ customerId: "carol", roles: ["admin"] });
  });

  it("refuses a token signed with another secret", async () => {
    const other = new TokenVerifier(config({ AUTH_DEV_SECRET: "another-secret-that-is-32-characters" }));
    expect(await verifier.verify(await other.devToken("alice", []))).toBeUndefined();
  });

  it("refuses an expired token", async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("alice")
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(SECRET));
    expect(await verifier.verify(token)).toBeUndefined();
  });

  it("refuses a token without an expiry, which would be valid forever", async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("alice")
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .sign(new TextEncoder().encode(SECRET));
    expect(await verifier.verify(token)).toBeUndefined();
  });

  it("given a verified token, when it expires, then it is refused although it was remembered", async () => {
    const shortLived = new TokenVerifier(config({ AUTH_DEV_TOKEN_TTL_SECONDS: "2" }));
    // exp counts whole seconds from the second the token is signed in: signed
    // just after a second begins, it is valid for almost 2 s, however slow the machine.
    await new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000) + 5));
    const token = await shortLived.devToken("bob", []);
    expect(await shortLived.verify(token)).toEqual({ customerId: "bob", roles: [] });
    expect(await shortLived.verify(token)).toEqual({ customerId: "bob", roles: [] });
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    expect(await shortLived.verify(token)).toBeUndefined();
  });

  it("refuses an unsigned token", async () => {
    const header = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    const payload = Buffer.from(
      JSON.stringify({ sub: "alice", iss: DEV_ISSUER, aud: DEV_AUDIENCE, exp: Date.now() / 1000 + 60 }),
    ).toString("base64url");
    expect(await verifier.verify(`${header}.${payload}.`)).toBeUndefined();
  });
});

describe("gateway config", () => {
  it("needs a dev secret of 32 characters in dev mode", () => {
    expect(() => config({ AUTH_DEV_SECRET: "short" })).toThrow();
    expect(gatewayConfigSchema.safeParse({ ...config(), AUTH_DEV_SECRET: undefined }).success).toBe(false);
  });

  it("needs JWKS URL, issuer and audience in jwks mode", () => {
    expect(() => config({ AUTH_MODE: "jwks" })).toThrow();
    const jwks = config({
      AUTH_MODE: "jwks",
      AUTH_JWKS_URL: "https://idp.example/.well-known/jwks.json",
      AUTH_ISSUER: "https://idp.example/",
      AUTH_AUDIENCE: "peakshop",
    });
    expect(jwks.AUTH_MODE).toBe("jwks");
  });
});

describe("bearerToken", () => {
  it("reads the token of a Bearer header only", () => {
    expect(bearerToken("Bearer abc.def.ghi")).toBe("abc.def.ghi");
    expect(bearerToken("bearer abc.def.ghi")).toBe("abc.def.ghi");
    expect(bearerToken("Basic dXNlcjpwYXNz")).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface IdentityProvider {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** A token for `customerId` signed with the provider's published key. */
  sign(customerId: string, roles?: string[]): Promise<string>;
  /** A well-formed token signed with a key the provider never published. */
  forge(customerId: string): Promise<string>;
  /** A token signed with the published key that never expires (no `exp`): a leak of it would be forever. */
  signWithoutExpiry(customerId: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The far side of the production auth boundary (an OIDC provider), simulated
 * faithfully where the gateway touches it: RS256 keys published as a JWKS
 * document over HTTP, tokens with kid, issuer, audience and expiry.
 */
export async function startIdentityProvider(): Promise<IdentityProvider> {
  const issuer = "https://login.peakshop.test/";
  const audience = "peakshop-api";
  const kid = "test-key-1";
  const published = await generateKeyPair("RS256");
  const stranger = await generateKeyPair("RS256");
  const jwks = { keys: [{ ...(await exportJWK(published.publicKey)), kid, alg: "RS256", use: "sig" }] };
  const server: Server = createServer((request, response) => {
    if (request.url !== "/.well-known/jwks.json") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const unsigned = (customerId: string, roles: string[]) =>
    new SignJWT({ roles })
      .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
      .setSubject(customerId)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt();
  const token = (key: CryptoKey, customerId: string, roles: string[]) =>
    unsigned(customerId, roles).setExpirationTime("5m").sign(key);

  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    issuer,
    audience,
    sign: (customerId, roles = []) => token(published.privateKey, customerId, roles),
    forge: (customerId) => token(stranger.privateKey, customerId, []),
    signWithoutExpiry: (customerId) => unsigned(customerId, []).sign(published.privateKey),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

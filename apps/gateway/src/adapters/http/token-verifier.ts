import { Inject, Injectable } from "@nestjs/common";
import { SERVICE_CONFIG } from "@peakshop/platform-nest";
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER, signDevToken } from "@peakshop/client/dev-token";
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import { LRUCache } from "lru-cache";
import type { GatewayConfig } from "../../config";
import { principalFromClaims, type Principal } from "../../domain/principal";

// Tokens verified recently, answered from memory until they expire: a client
// sends one token with every request, and checking its signature each time
// was a tenth of the gateway's CPU under load.
const VERIFIED_TOKENS = 10_000;
const LONGEST_REMEMBERED_MS = 5 * 60_000;

/**
 * Verifies bearer tokens: in dev mode HS256 with AUTH_DEV_SECRET, in jwks mode
 * the identity provider's keys (fetched and cached by jose), always checking
 * expiry (required: a token without one is refused), issuer and audience. Only the algorithms the mode expects are
 * accepted, so a token cannot pick a weaker one. A verified token is
 * remembered (bounded, never past its expiry): the same bytes verify the same.
 */
@Injectable()
export class TokenVerifier {
  private readonly secret?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;
  private readonly verified = new LRUCache<string, Principal>({ max: VERIFIED_TOKENS });

  constructor(@Inject(SERVICE_CONFIG) private readonly config: GatewayConfig) {
    if (config.AUTH_MODE === "dev") this.secret = new TextEncoder().encode(config.AUTH_DEV_SECRET);
    else this.jwks = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL as string));
  }

  get devMode(): boolean {
    return this.config.AUTH_MODE === "dev";
  }

  /** The caller, or undefined for a token that is missing, forged, expired or names no customer. */
  async verify(token: string): Promise<Principal | undefined> {
    const remembered = this.verified.get(token);
    if (remembered) return remembered;
    try {
      const { payload } = this.secret
        ? await jwtVerify(token, this.secret, {
            algorithms: ["HS256"],
            // Checked like a real identity provider's; the one signer is the client's.
            issuer: DEV_TOKEN_ISSUER,
            audience: DEV_TOKEN_AUDIENCE,
            requiredClaims: ["exp"],
          })
        : await jwtVerify(token, this.jwks as JWTVerifyGetKey, {
            algorithms: ["RS256", "ES256", "PS256", "EdDSA"],
            issuer: this.config.AUTH_ISSUER,
            audience: this.config.AUTH_AUDIENCE,
            // A token without exp would stay valid forever once leaked.
            requiredClaims: ["exp"],
          });
      const principal = principalFromClaims(payload);
      const lifetimeMs = payload.exp === undefined ? 0 : payload.exp * 1000 - Date.now();
      if (principal && lifetimeMs > 0)
        this.verified.set(token, principal, { ttl: Math.min(lifetimeMs, LONGEST_REMEMBERED_MS) });
      return principal;
    } catch {
      return undefined;
    }
  }

  /** A dev token for `customerId`; only in dev mode. */
  async devToken(customerId: string, roles: readonly string[]): Promise<string> {
    if (!this.config.AUTH_DEV_SECRET) throw new Error("dev tokens exist only in AUTH_MODE=dev");
    return signDevToken({
      secret: this.config.AUTH_DEV_SECRET,
      customerId,
      roles,
      expiresIn: `${this.config.AUTH_DEV_TOKEN_TTL_SECONDS}s`,
    });
  }
}

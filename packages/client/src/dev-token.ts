import { SignJWT } from "jose";

/** Issuer and audience the gateway checks on dev tokens. */
export const DEV_TOKEN_ISSUER = "peakshop-gateway-dev";
export const DEV_TOKEN_AUDIENCE = "peakshop";

export interface DevTokenOptions {
  /** The gateway's AUTH_DEV_SECRET. */
  secret: string;
  customerId: string;
  roles?: readonly string[];
  /** jose's duration syntax; default 2 h. */
  expiresIn?: string;
}

/**
 * A token the gateway accepts in dev auth mode, signed here rather than asked
 * of `POST /v1/auth/dev-token`: load generators and fault campaigns sign in
 * thousands of customers from one address, which that route's per-address
 * limit would otherwise shape. A subpath of its own (`@peakshop/client/dev-token`)
 * keeps jose out of frontends' bundles.
 */
export function signDevToken(options: DevTokenOptions): Promise<string> {
  return new SignJWT({ roles: [...(options.roles ?? [])] })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(options.customerId)
    .setIssuer(DEV_TOKEN_ISSUER)
    .setAudience(DEV_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "2h")
    .sign(new TextEncoder().encode(options.secret));
}

/** Who is calling, as the gateway knows it from a verified token. */
export interface Principal {
  /** The JWT subject: the customer id every upstream call is made for. */
  customerId: string;
  roles: readonly string[];
}

export const ADMIN_ROLE = "admin";

/** Visible ASCII, 1 to 128 characters: the id becomes part of stream ids and Kafka headers downstream. */
const CUSTOMER_ID = /^[\x21-\x7e]{1,128}$/;

export const isCustomerId = (value: unknown): value is string =>
  typeof value === "string" && CUSTOMER_ID.test(value);

/**
 * Maps verified JWT claims to a principal, or undefined when they name no
 * usable customer. `roles` may be absent; anything in it that is not a string
 * is ignored rather than trusted.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal | undefined {
  if (!isCustomerId(claims.sub)) return undefined;
  const roles = Array.isArray(claims.roles)
    ? [...new Set(claims.roles.filter((role): role is string => typeof role === "string"))]
    : [];
  return { customerId: claims.sub, roles };
}

export const isAdmin = (principal: Principal): boolean => principal.roles.includes(ADMIN_ROLE);

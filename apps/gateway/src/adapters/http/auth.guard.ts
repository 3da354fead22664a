import {
  createParamDecorator,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import { ProblemException, problemType } from "@peakshop/platform-nest";
import type { FastifyReply, FastifyRequest } from "fastify";
import { isAdmin, type Principal } from "../../domain/principal";
import { TokenVerifier } from "./token-verifier";

const ADMIN_ONLY = "peakshop:admin-only";
const PUBLIC = "peakshop:public";

/** Marks a route (or controller) for callers whose token holds the admin role. */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);

/**
 * Marks a route anyone may call without a token (the catalog): a token sent
 * anyway is still verified, so a bad one is refused rather than ignored.
 */
export const Public = () => SetMetadata(PUBLIC, true);

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** What an upstream call is made for: the token's customer (never the client's say) and the request id. */
export interface Caller {
  customerId: string;
  requestId: string;
}

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error("CurrentCaller used on a route without AuthGuard");
  return { customerId: request.principal.customerId, requestId: String(request.id) };
});

/**
 * Bearer tokens on every route it guards: 401 without a valid one (a public
 * route needs none, but refuses an invalid one), 403 when the route is
 * admin-only and the token has no admin role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!request.headers.authorization && this.isPublic(context)) return true;
    const principal = token ? await this.verifier.verify(token) : undefined;
    if (!principal) {
      void http.getResponse<FastifyReply>().header("www-authenticate", 'Bearer realm="peakshop"');
      throw new ProblemException({
        status: 401,
        title: "Unauthorized",
        type: problemType("unauthenticated"),
        detail: token ? "The bearer token is invalid or expired." : "A bearer token is required.",
      });
    }
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (adminOnly && !isAdmin(principal)) {
      throw new ProblemException({
        status: 403,
        title: "Forbidden",
        type: problemType("forbidden"),
        detail: "This needs the admin role.",
      });
    }
    request.principal = principal;
    return true;
  }

  private isPublic(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]) ?? false
    );
  }
}

/** The token of an `Authorization: Bearer <token>` header, if that is what it holds. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i.exec(header ?? "");
  return match?.[1];
}

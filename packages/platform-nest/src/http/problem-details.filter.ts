import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
  type Type,
} from "@nestjs/common";
import type { FastifyReply } from "fastify";

/** An RFC 9457 problem; `errors` lists field validation failures. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

/** The `type` of a peakshop-specific problem, e.g. `urn:peakshop:problem:invalid-request`. */
export const problemType = (code: string): string => `urn:peakshop:problem:${code}`;

/** Throw this for a problem with a specific type, detail or field errors. */
export class ProblemException extends HttpException {
  constructor(problem: {
    status: number;
    title: string;
    detail?: string;
    type?: string;
    errors?: ProblemDetails["errors"];
  }) {
    super({ type: "about:blank", ...problem }, problem.status);
  }
}

/** How an app answers its own errors; what it leaves out gets this filter's defaults. */
export interface ProblemFilterOptions {
  /** The app's domain errors as problems; `undefined` leaves an exception to the defaults. */
  map?: (exception: unknown) => ProblemDetails | undefined;
  /** Headers to send with a problem, e.g. Retry-After on a 503. */
  headers?: (problem: ProblemDetails) => Record<string, string> | undefined;
}

/**
 * Every HTTP error leaves as application/problem+json. Unexpected errors are
 * logged and answered 500 without internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger("HTTP");

  constructor(private readonly options: ProblemFilterOptions = {}) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== "http") throw exception;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = this.options.map?.(exception) ?? toProblem(exception);
    if (problem.status >= 500) this.logger.error({ err: exception }, "request failed");
    void reply.status(problem.status).header("content-type", "application/problem+json");
    for (const [name, value] of Object.entries(this.options.headers?.(problem) ?? {})) {
      void reply.header(name, value);
    }
    void reply.send(problem);
  }
}

/**
 * A filter class for `@UseFilters` that answers the app's own errors as `options`
 * says and everything else as ProblemDetailsFilter does.
 */
export function problemFilterFor(options: ProblemFilterOptions): Type<ProblemDetailsFilter> {
  // Its own constructor without parameters, so that Nest can instantiate it.
  @Catch()
  class AppProblemsFilter extends ProblemDetailsFilter {
    constructor() {
      super(options);
    }
  }
  return AppProblemsFilter;
}

function toProblem(exception: unknown): ProblemDetails {
  // Fastify's own client errors (a malformed or aborted body) carry a 4xx statusCode.
  const clientStatus = (exception as { statusCode?: unknown } | null)?.statusCode;
  if (
    !(exception instanceof HttpException) &&
    typeof clientStatus === "number" &&
    clientStatus >= 400 &&
    clientStatus < 500
  ) {
    const detail = exception instanceof Error ? exception.message : "The request could not be read.";
    return {
      type: "about:blank",
      title: HttpStatus[clientStatus]?.toString() ?? "Bad Request",
      status: clientStatus,
      detail,
    };
  }
  if (!(exception instanceof HttpException)) {
    return {
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      detail: "Something went wrong on our side; please retry.",
    };
  }
  const status = exception.getStatus();
  const body = exception.getResponse();
  const title =
    HttpStatus[status]
      ?.toString()
      .replaceAll("_", " ")
      .toLowerCase()
      .replace(/^\w/, (c) => c.toUpperCase()) ?? "Error";
  if (typeof body === "object" && body !== null && "type" in body) return body as ProblemDetails;
  const message = typeof body === "string" ? body : (body as { message?: unknown }).message;
  const detail = Array.isArray(message)
    ? message.join("; ")
    : typeof message === "string"
      ? message
      : exception.message;
  return { type: "about:blank", title, status, detail };
}

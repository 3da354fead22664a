import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
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

/**
 * Every HTTP error leaves as application/problem+json. Unexpected errors are
 * logged and answered 500 without internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger("HTTP");

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== "http") throw exception;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = toProblem(exception);
    if (problem.status >= 500) this.logger.error({ err: exception }, "request failed");
    void reply.status(problem.status).header("content-type", "application/problem+json").send(problem);
  }
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

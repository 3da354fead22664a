import { HttpException } from "@nestjs/common";
import { problemType, type ProblemDetails } from "@peakshop/platform-nest";

/** A service could not be reached or is overloaded: answered 503 with Retry-After. */
export class UpstreamUnavailable extends Error {
  constructor(
    readonly service: string,
    readonly reason: string,
  ) {
    super(`The ${service} service is not answering right now (${reason}); please retry shortly.`);
    this.name = "UpstreamUnavailable";
  }
}

/** A service's refusal, passed on to the client as problem+json with the service's status. */
export class UpstreamProblem extends HttpException {
  constructor(readonly problem: ProblemDetails) {
    super(problem, problem.status);
  }
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  409: "Conflict",
  422: "Unprocessable Content",
  429: "Too Many Requests",
};

/**
 * What the client sees for a service's non-2xx answer. The service's problem
 * is passed on as it is (its type, detail and errors[] mean something to the
 * client); a body that is no problem gets one built around its message. The
 * service's own outages read as ours: 502/503/504 -> 503 (retry), other 5xx ->
 * 502, without internals.
 */
export function upstreamFailure(service: string, status: number, body: unknown): Error {
  if (status === 502 || status === 503 || status === 504)
    return new UpstreamUnavailable(service, `HTTP ${status}`);
  if (status >= 500 || status < 400) {
    return new UpstreamProblem({
      type: problemType("bad-gateway"),
      title: "Bad Gateway",
      status: 502,
      detail: `The ${service} service failed to answer this request; please retry.`,
    });
  }
  const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  if (typeof fields.type === "string" && typeof fields.title === "string") {
    return new UpstreamProblem({ ...(fields as ProblemDetails), status });
  }
  const detail = typeof fields.detail === "string" ? fields.detail : fields.message;
  return new UpstreamProblem({
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    ...(typeof detail === "string" ? { detail } : {}),
  });
}

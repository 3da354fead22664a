import { BadRequestException, type ArgumentsHost } from "@nestjs/common";
import { describe, expect, it } from "vitest";
import { ProblemDetailsFilter, ProblemException } from "./problem-details.filter";

function send(exception: unknown) {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  const host = {
    getType: () => "http",
    switchToHttp: () => ({ getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return sent;
}

describe("ProblemDetailsFilter", () => {
  it("answers a ProblemException as it is, as application/problem+json", () => {
    const sent = send(
      new ProblemException({ status: 409, title: "Conflict", detail: "no longer cancellable" }),
    );
    expect(sent.status).toBe(409);
    expect(sent.headers["content-type"]).toBe("application/problem+json");
    expect(sent.body).toMatchObject({
      type: "about:blank",
      title: "Conflict",
      status: 409,
      detail: "no longer cancellable",
    });
  });

  it("turns Nest's HTTP exceptions into problems", () => {
    expect(send(new BadRequestException("bad input")).body).toMatchObject({
      status: 400,
      detail: "bad input",
    });
  });

  it("keeps a client error from Fastify a 4xx", () => {
    const aborted = Object.assign(new Error("Request body was aborted"), { statusCode: 400 });
    expect(send(aborted).status).toBe(400);
  });

  it("answers anything unexpected with 500 and no internals", () => {
    const sent = send(new Error("password=hunter2 leaked in a stack"));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain("hunter2");
  });
});

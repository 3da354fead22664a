import {
  BadRequestException,
  NotFoundException,
  type ArgumentsHost,
  type ExceptionFilter,
} from "@nestjs/common";
import { describe, expect, it } from "vitest";
import {
  ProblemDetailsFilter,
  ProblemException,
  problemFilterFor,
  problemType,
  type ProblemDetails,
} from "./problem-details.filter";

function send(exception: unknown, filter: ExceptionFilter = new ProblemDetailsFilter()) {
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
  filter.catch(exception, host);
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

class OutOfStock extends Error {
  constructor(readonly available: number) {
    super(`Only ${available} left.`);
  }
}

class ShopClosed extends Error {}

function shopProblemOf(exception: unknown): ProblemDetails | undefined {
  if (exception instanceof OutOfStock) {
    const { message: detail, available } = exception;
    return { type: problemType("out-of-stock"), title: "Out of stock", status: 409, detail, available };
  }
  if (exception instanceof ShopClosed) {
    return {
      type: problemType("shop-closed"),
      title: "Shop closed",
      status: 503,
      detail: "Come back later.",
    };
  }
  return undefined;
}

describe("problemFilterFor", () => {
  const ShopProblemsFilter = problemFilterFor({
    map: shopProblemOf,
    headers: (problem) => (problem.status === 503 ? { "retry-after": "1" } : undefined),
  });
  const sendToShop = (exception: unknown) => send(exception, new ShopProblemsFilter());

  it("answers a mapped domain error with the app's problem, extension members included", () => {
    const sent = sendToShop(new OutOfStock(2));
    expect(sent.status).toBe(409);
    expect(sent.headers).toEqual({ "content-type": "application/problem+json" });
    expect(sent.body).toEqual({
      type: "urn:peakshop:problem:out-of-stock",
      title: "Out of stock",
      status: 409,
      detail: "Only 2 left.",
      available: 2,
    });
  });

  it("adds the app's headers to the problems it asks them for", () => {
    const sent = sendToShop(new ShopClosed());
    expect(sent.status).toBe(503);
    expect(sent.headers).toEqual({ "content-type": "application/problem+json", "retry-after": "1" });
  });

  it("leaves an unmapped HttpException to the defaults", () => {
    const sent = sendToShop(new NotFoundException("no such shelf"));
    expect(sent.status).toBe(404);
    expect(sent.body).toEqual({
      type: "about:blank",
      title: "Not found",
      status: 404,
      detail: "no such shelf",
    });
  });

  it("answers an unknown error 500 without internals", () => {
    const sent = sendToShop(new Error("password=hunter2"));
    expect(sent.status).toBe(500);
    expect(sent.body).toMatchObject({ type: "about:blank", title: "Internal Server Error", status: 500 });
    expect(JSON.stringify(sent.body)).not.toContain("hunter2");
  });

  it("keeps a client error from Fastify a 4xx", () => {
    const tooLarge = Object.assign(new Error("Request body is too large"), { statusCode: 413 });
    const sent = sendToShop(tooLarge);
    expect(sent.status).toBe(413);
    expect(sent.body).toMatchObject({ status: 413, detail: "Request body is too large" });
  });

  it("is a class Nest can instantiate without arguments", () => {
    expect(ShopProblemsFilter.length).toBe(0);
    expect(new ShopProblemsFilter()).toBeInstanceOf(ProblemDetailsFilter);
  });
});

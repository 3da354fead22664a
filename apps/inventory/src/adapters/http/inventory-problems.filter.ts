import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from "@nestjs/common";
import { StockBelowCommitments } from "../../domain/stock-level";
import { RequestInvalid } from "./product.requests";

/** Thrown by controllers for a SKU with no product. */
export class ProductNotFound extends Error {
  constructor(readonly sku: string) {
    super(`No product with SKU ${sku}.`);
    this.name = "ProductNotFound";
  }
}

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

/** The reply methods used (Fastify's), without depending on Fastify's types. */
interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

const problemType = (code: string) => `urn:peakshop:problem:${code}`;

function problemOf(exception: unknown): Problem {
  if (exception instanceof RequestInvalid) {
    const { message: detail, errors } = exception;
    return { type: problemType("invalid-request"), title: "Invalid request", status: 400, detail, errors };
  }
  if (exception instanceof ProductNotFound) {
    return {
      type: problemType("unknown-product"),
      title: "Unknown product",
      status: 404,
      detail: exception.message,
    };
  }
  if (exception instanceof StockBelowCommitments) {
    const { stock, commitments } = exception;
    return {
      type: problemType("stock-below-commitments"),
      title: "Stock below what is held and sold",
      status: 409,
      detail: `${exception.message}; the stock must be at least ${commitments.held + commitments.sold}.`,
      stock,
      held: commitments.held,
      sold: commitments.sold,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // Fastify's own rejections (malformed JSON, wrong content type) arrive here.
    const type = status === 400 ? problemType("invalid-request") : "about:blank";
    return { type, title: exception.name, status, detail: exception.message };
  }
  const detail = "Something went wrong on our side; please retry.";
  return { type: "about:blank", title: "Internal Server Error", status: 500, detail };
}

/** Answers every failure of the inventory HTTP API as application/problem+json (RFC 9457). */
@Catch()
export class InventoryProblemsFilter implements ExceptionFilter {
  private readonly logger = new Logger("InventoryHttp");

  catch(exception: unknown, host: ArgumentsHost): void {
    const problem = problemOf(exception);
    if (problem.status >= 500) this.logger.error({ err: exception }, "request failed");
    host
      .switchToHttp()
      .getResponse<Reply>()
      .status(problem.status)
      .header("content-type", "application/problem+json")
      .send(problem);
  }
}

import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from "@nestjs/common";
import { CatalogUnavailable, UnknownProduct } from "../../application/product-catalog.port";
import { CartError, type CartErrorCode } from "../../domain/cart.errors";
import { RequestInvalid } from "./cart.requests";

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

/** The reply methods this filter uses (Fastify's), without depending on Fastify's types. */
interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

const problemType = (code: string) => `urn:peakshop:problem:${code}`;

const CART_ERRORS: Record<CartErrorCode, { status: number; title: string }> = {
  "quantity-out-of-range": { status: 422, title: "Quantity out of range" },
  "too-many-lines": { status: 422, title: "Too many items in the cart" },
  "currency-mismatch": { status: 422, title: "Another currency than the cart's" },
  "item-not-in-cart": { status: 404, title: "Item not in the cart" },
  "empty-cart": { status: 422, title: "Empty cart" },
  "nothing-to-pay": { status: 422, title: "Nothing to pay" },
  "idempotency-key-reused": { status: 422, title: "Idempotency-Key reused" },
  // The cart kept changing while it was re-priced; the client may simply retry.
  "price-missing": { status: 409, title: "Cart changed during checkout" },
};

function problemOf(exception: unknown): Problem {
  if (exception instanceof CartError) {
    return { type: problemType(exception.code), ...CART_ERRORS[exception.code], detail: exception.message };
  }
  if (exception instanceof RequestInvalid) {
    const { message: detail, errors } = exception;
    return { type: problemType("invalid-request"), title: "Invalid request", status: 400, detail, errors };
  }
  if (exception instanceof UnknownProduct) {
    return {
      type: problemType("unknown-product"),
      title: "Unknown product",
      status: 422,
      detail: exception.message,
    };
  }
  if (exception instanceof CatalogUnavailable) {
    const detail = "Prices cannot be looked up right now; please retry shortly.";
    return { type: problemType("catalog-unavailable"), title: "Catalog unavailable", status: 503, detail };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const title = (HttpStatus[status] ?? "Error").toLowerCase().replaceAll("_", " ");
    return {
      type: "about:blank",
      title: title.charAt(0).toUpperCase() + title.slice(1),
      status,
      detail: exception.message,
    };
  }
  const detail = "Something went wrong on our side; please retry.";
  return { type: "about:blank", title: "Internal Server Error", status: 500, detail };
}

/** Answers every failure of the cart API as application/problem+json (RFC 9457). */
@Catch()
export class CartProblemsFilter implements ExceptionFilter {
  private readonly logger = new Logger("CartHttp");

  catch(exception: unknown, host: ArgumentsHost): void {
    const problem = problemOf(exception);
    if (problem.status >= 500) this.logger.warn({ err: exception }, problem.title);
    const reply = host.switchToHttp().getResponse<Reply>().status(problem.status);
    reply.header("content-type", "application/problem+json");
    if (problem.status === 503) reply.header("retry-after", "1");
    reply.send(problem);
  }
}

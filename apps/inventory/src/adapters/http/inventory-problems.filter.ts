import { problemFilterFor, problemType, type ProblemDetails } from "@peakshop/platform-nest";
import { StockBelowCommitments } from "../../domain/stock-level";

/** Thrown by controllers for a SKU with no product. */
export class ProductNotFound extends Error {
  constructor(readonly sku: string) {
    super(`No product with SKU ${sku}.`);
    this.name = "ProductNotFound";
  }
}

function inventoryProblemOf(exception: unknown): ProblemDetails | undefined {
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
  return undefined;
}

/** Answers every failure of the inventory HTTP API as application/problem+json (RFC 9457). */
export const InventoryProblemsFilter = problemFilterFor({ map: inventoryProblemOf });

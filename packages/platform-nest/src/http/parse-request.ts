import type { z } from "zod";
import { ProblemException, problemType } from "./problem-details.filter";

/**
 * Parses one part of a request (`where` names it in errors, e.g. `body`,
 * `path.sku`, `header.idempotency-key`); a mismatch is answered 400 with one
 * entry per field in `errors`.
 */
export function parseRequest<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].filter(Boolean).join("."),
    message: issue.message,
  }));
  throw new ProblemException({
    type: problemType("invalid-request"),
    title: "Invalid request",
    status: 400,
    detail: errors.map((error) => `${error.field}: ${error.message}`).join("; "),
    errors,
  });
}

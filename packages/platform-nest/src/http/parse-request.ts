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
  throw invalidRequest(
    result.error.issues.map((issue) => ({
      field: [where, ...issue.path.map(String)].filter(Boolean).join("."),
      message: issue.message,
    })),
  );
}

/** The 400 for a request that breaks a rule no schema states (e.g. a cursor that decodes to nothing). */
export function invalidRequest(errors: { field: string; message: string }[]): ProblemException {
  return new ProblemException({
    type: problemType("invalid-request"),
    title: "Invalid request",
    status: 400,
    detail: errors.map((error) => `${error.field}: ${error.message}`).join("; "),
    errors,
  });
}

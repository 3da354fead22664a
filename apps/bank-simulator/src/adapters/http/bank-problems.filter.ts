import { Catch, type ArgumentsHost, type ExceptionFilter } from "@nestjs/common";
import type { FastifyReply } from "fastify";
import { BankError, type BankErrorCode } from "../../domain/bank.errors";
import { BankUnavailable } from "./bank-unavailable";
import { RequestInvalid } from "./bank.requests";

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

const problemType = (code: string) => `urn:peakshop:problem:${code}`;

const BANK_ERRORS: Record<BankErrorCode, { status: number; title: string }> = {
  "idempotency-key-reused": { status: 422, title: "Idempotency-Key reused" },
  "charge-not-found": { status: 404, title: "Charge not found" },
  "charge-not-refundable": { status: 422, title: "Charge not refundable" },
  "refund-exceeds-captured": { status: 422, title: "Refund exceeds captured amount" },
};

function problemOf(exception: BankError | RequestInvalid | BankUnavailable): Problem {
  if (exception instanceof BankError) {
    return { type: problemType(exception.code), ...BANK_ERRORS[exception.code], detail: exception.message };
  }
  if (exception instanceof RequestInvalid) {
    const { message: detail, errors } = exception;
    return { type: problemType("invalid-request"), title: "Invalid request", status: 400, detail, errors };
  }
  return {
    type: problemType("bank-unavailable"),
    title: "Bank unavailable",
    status: 503,
    detail: exception.message,
  };
}

/** The bank's refusals as application/problem+json; anything else is left to the platform's filter. */
@Catch(BankError, RequestInvalid, BankUnavailable)
export class BankProblemsFilter implements ExceptionFilter {
  catch(exception: BankError | RequestInvalid | BankUnavailable, host: ArgumentsHost): void {
    const problem = problemOf(exception);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(problem.status).header("content-type", "application/problem+json");
    if (problem.status === 503) void reply.header("retry-after", "1");
    void reply.send(problem);
  }
}

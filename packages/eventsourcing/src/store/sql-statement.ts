/**
 * A parameterised SQL statement in pg's terms: `text` numbers its parameters
 * from $1, `values` holds them in order. Writes that must commit with an
 * aggregate's events (a read model row, a timer) are given as statements so
 * that they travel inside the append's own statement (see appendStatement).
 */
export interface SqlStatement {
  text: string;
  values: readonly unknown[];
}

/**
 * `text` with its parameters renumbered to follow `offset` others ($1 becomes
 * $(offset + 1)), so statements can be nested in a larger one. Our statements
 * hold no literal that contains a `$` followed by a digit.
 */
export function shiftParameters(text: string, offset: number): string {
  return text.replace(/\$(\d+)/g, (_, index: string) => `$${Number(index) + offset}`);
}

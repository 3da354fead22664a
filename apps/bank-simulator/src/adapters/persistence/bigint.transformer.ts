import type { ValueTransformer } from "typeorm";

/** pg returns bigint as a string; amounts stay below 2^53, so they fit a JS number exactly. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

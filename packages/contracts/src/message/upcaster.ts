import type { z } from "zod";
import type { AnyMessageDefinition, MessageDataOf } from "./message-definition";

/**
 * Turns validated data of one version into the input of the next version of the same type.
 * Chains of these let a consumer read every version ever produced while coding against the
 * latest only.
 */
export interface Upcaster<
  TFrom extends AnyMessageDefinition = AnyMessageDefinition,
  TTo extends AnyMessageDefinition = AnyMessageDefinition,
> {
  readonly from: TFrom;
  readonly to: TTo;
  // Method syntax keeps specific upcasters assignable to the default `Upcaster`.
  up(data: MessageDataOf<TFrom>): z.input<TTo["schema"]>;
}

/** Defines the upcaster from `from` to `to`, which must be the next version of the same type. */
export function defineUpcaster<TFrom extends AnyMessageDefinition, TTo extends AnyMessageDefinition>(
  from: TFrom,
  to: TTo,
  // NoInfer: the types come from the definitions, so the function's literals are checked against them.
  up: NoInfer<(data: MessageDataOf<TFrom>) => z.input<TTo["schema"]>>,
): Upcaster<TFrom, TTo> {
  if (from.type !== to.type || to.version !== from.version + 1) {
    throw new Error(
      `An upcaster goes one version up one type: not ${from.type} v${from.version} -> ${to.type} v${to.version}`,
    );
  }
  return Object.freeze({ from, to, up });
}

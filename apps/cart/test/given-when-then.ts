import { fold } from "@peakshop/eventsourcing";
import { expect } from "vitest";
import type { CartCommand } from "../src/domain/cart.commands";
import { cartDecider } from "../src/domain/cart.decider";
import { CartError, type CartErrorCode } from "../src/domain/cart.errors";
import type { CartEvent } from "../src/domain/cart.events";

/** given(history).when(command).then(newEvents) for the cart decider. */
export function given(...history: CartEvent[]) {
  const state = fold(cartDecider, cartDecider.initialState, history);
  return {
    when(command: CartCommand) {
      const decide = () => cartDecider.decide(command, state);
      return {
        then(expected: CartEvent[]) {
          expect(decide()).toEqual(expected);
        },
        thenNothingHappens() {
          expect(decide()).toEqual([]);
        },
        thenFailsWith(code: CartErrorCode) {
          let thrown: unknown;
          try {
            decide();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(CartError);
          expect((thrown as CartError).code).toBe(code);
        },
      };
    },
  };
}

import { expect } from "vitest";

/** The decider shape (see @peakshop/eventsourcing), structurally. */
export interface SpecifiedDecider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
}

/** What a refused command throws: a domain error class, or the `code` its domain errors carry. */
export type ExpectedFailure = string | (abstract new (...args: never[]) => Error);

export interface WhenStep<Event> {
  /** The command decides exactly these events. */
  then(expected: Event[]): void;
  /** The command decides nothing (a duplicate, a late or irrelevant input). */
  thenNothingHappens(): void;
  /** The command is refused with this error. */
  thenFailsWith(expected: ExpectedFailure): void;
  /** The events decided, for assertions the steps above do not cover. */
  events(): Event[];
}

export interface GivenStep<Command, Event, State> {
  /** The state the history folds into. */
  readonly state: State;
  when(command: Command): WhenStep<Event>;
}

export interface DeciderSpec<Command, Event, State> {
  /** The aggregate's history, as events. */
  given(...history: Event[]): GivenStep<Command, Event, State>;
  /** The history these commands decide, one after another, from the initial state. */
  givenDecided(...commands: Command[]): GivenStep<Command, Event, State>;
}

/**
 * given(history).when(command).then(events): the one way every decider's
 * unit tests read, whatever the aggregate.
 */
export function deciderSpec<Command, Event, State>(
  decider: SpecifiedDecider<Command, Event, State>,
): DeciderSpec<Command, Event, State> {
  const fold = (history: readonly Event[], from: State) =>
    history.reduce((state, event) => decider.evolve(state, event), from);
  const at = (state: State): GivenStep<Command, Event, State> => ({
    state,
    when: (command) => whenStep(() => decider.decide(command, state)),
  });
  return {
    given: (...history) => at(fold(history, decider.initialState)),
    givenDecided: (...commands) =>
      at(
        commands.reduce(
          (state, command) => fold(decider.decide(command, state), state),
          decider.initialState,
        ),
      ),
  };
}

function whenStep<Event>(decide: () => Event[]): WhenStep<Event> {
  return {
    then: (expected) => expect(decide()).toEqual(expected),
    thenNothingHappens: () => expect(decide()).toEqual([]),
    thenFailsWith: (expected) => expectFailure(decide, expected),
    events: decide,
  };
}

function expectFailure(decide: () => unknown, expected: ExpectedFailure): void {
  let thrown: unknown;
  try {
    decide();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "the command was expected to be refused").toBeInstanceOf(Error);
  if (typeof expected === "string") expect((thrown as { code?: unknown }).code).toBe(expected);
  else expect(thrown).toBeInstanceOf(expected);
}

/** The workflow shape (see @peakshop/eventsourcing): a decider that sends messages for its new events. */
export interface SpecifiedWorkflow<Input, Event, State, Output> extends SpecifiedDecider<
  Input,
  Event,
  State
> {
  react(event: Event, state: State): Output[];
}

/**
 * given(inputs).when(input).thenSends(messages) for a workflow (a saga):
 * what it sends for an input, after the inputs before it.
 */
export function workflowSpec<Input, Event, State, Output>(
  workflow: SpecifiedWorkflow<Input, Event, State, Output>,
) {
  const spec = deciderSpec(workflow);
  const sentFor = (state: State, input: Input): Output[] => {
    const events = workflow.decide(input, state);
    const next = events.reduce((current, event) => workflow.evolve(current, event), state);
    return events.flatMap((event) => workflow.react(event, next));
  };
  return {
    given: (...inputs: Input[]) => {
      const { state } = spec.givenDecided(...inputs);
      return {
        state,
        when: (input: Input) => ({
          thenSends: (expected: Output[]) => expect(sentFor(state, input)).toEqual(expected),
          thenSendsNothing: () => expect(sentFor(state, input)).toEqual([]),
          sent: () => sentFor(state, input),
        }),
      };
    },
  };
}

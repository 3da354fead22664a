/**
 * The decider shape every aggregate follows: pure functions, no I/O, no clock.
 * `decide` answers a command with the events it causes (or throws a typed
 * domain error); `evolve` folds one event into the state and is total.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
}

/**
 * A workflow (process manager) reacts to events from several streams with
 * commands for other services, keeping its own state in the same shape.
 */
export interface Workflow<Input, Output, State> {
  decide(input: Input, state: State): Output[];
  evolve(state: State, input: Input | Output): State;
  initialState: State;
}

/** Folds a history into the current state. */
export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, "evolve">,
  state: State,
  events: readonly Event[],
): State {
  return events.reduce((current, event) => decider.evolve(current, event), state);
}

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
 * A workflow (process manager, saga): a decider whose stream is its memory,
 * with `react` saying what each new event sends to other services. Inputs
 * arrive as commands translated from other services' messages; what it sends
 * follows from its events alone, so an input that decides nothing sends
 * nothing, however often it is redelivered.
 */
export interface Workflow<Input, Event, State, Output> extends Decider<Input, Event, State> {
  /** What one new event sends, given the state once the whole decision is applied. */
  react(event: Event, state: State): Output[];
}

/** One step of a workflow: the events an input decides, the state they lead to, and what they send. */
export function stepWorkflow<Input, Event, State, Output>(
  workflow: Workflow<Input, Event, State, Output>,
  input: Input,
  state: State,
): { events: Event[]; state: State; sent: Output[] } {
  const events = workflow.decide(input, state);
  const next = events.reduce((current, event) => workflow.evolve(current, event), state);
  return { events, state: next, sent: events.flatMap((event) => workflow.react(event, next)) };
}

/** Folds a history into the current state. */
export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, "evolve">,
  state: State,
  events: readonly Event[],
): State {
  return events.reduce((current, event) => decider.evolve(current, event), state);
}

import type { Decider, NewEvent, RecordedEvent } from "../../src/index";

// A minimal aggregate for exercising the machinery, not a domain of ours.
export type CounterCommand = { type: "Increment"; by: number };
export type CounterEvent = { type: "Incremented"; by: number; total: number };
export type CounterState = { total: number };

export const counter: Decider<CounterCommand, CounterEvent, CounterState> = {
  initialState: { total: 0 },
  decide: (command, state) => [{ type: "Incremented", by: command.by, total: state.total + command.by }],
  evolve: (state, event) => ({ total: state.total + event.by }),
};

export const counterCodec = {
  toStored: (event: CounterEvent): NewEvent => ({
    type: event.type,
    data: { by: event.by, total: event.total },
  }),
  fromStored: (event: RecordedEvent): CounterEvent => ({
    type: "Incremented",
    ...(event.data as { by: number; total: number }),
  }),
};

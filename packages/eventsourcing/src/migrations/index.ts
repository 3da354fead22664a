import { CreateEventStore1764060000000 } from "./1764060000000-create-event-store";
import { IndexInboxHandledAt1764300000000 } from "./1764300000000-index-inbox-handled-at";
import { ExpectStreamVersion1765100000000 } from "./1765100000000-expect-stream-version";

/** Every migration of the event-sourcing tables, for each service to include in its own list. */
export const EVENTSOURCING_MIGRATIONS = [
  CreateEventStore1764060000000,
  IndexInboxHandledAt1764300000000,
  ExpectStreamVersion1765100000000,
];

export { CreateEventStore1764060000000, ExpectStreamVersion1765100000000, IndexInboxHandledAt1764300000000 };

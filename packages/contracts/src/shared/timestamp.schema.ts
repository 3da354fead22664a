import { z } from "zod";

/** An instant as an RFC 3339 string in UTC (`Z` suffix), e.g. `2026-11-11T00:00:00.000Z`. */
export const Timestamp = z.iso
  .datetime()
  .describe("RFC 3339 timestamp in UTC, e.g. 2026-11-11T00:00:00.000Z.");

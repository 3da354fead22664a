import { describe, expect, it } from "vitest";
import { describeAge } from "./age";

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 11, 0, 0, seconds));

describe("the age of the last known state", () => {
  it.each([
    [0, "just now"],
    [40, "40 s ago"],
    [180, "3 min ago"],
    [7_300, "2 h ago"],
  ])("after %i s says %s", (seconds, words) => expect(describeAge(at(0), at(seconds))).toBe(words));
});

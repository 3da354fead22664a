import { describe, expect, it } from "vitest";
import { requestLogLevel } from "./logging.module";

describe("a request's log level", () => {
  it("given an answered request, then it logs at debug (a line per request at a peak is a cost)", () => {
    expect(requestLogLevel(200)).toBe("debug");
    expect(requestLogLevel(202)).toBe("debug");
  });

  it("given a refusal that sheds load, then it logs at debug: metrics count those", () => {
    expect(requestLogLevel(429)).toBe("debug");
    expect(requestLogLevel(503)).toBe("debug");
  });

  it("given another client error, then info; a server error or a thrown error, then error", () => {
    expect(requestLogLevel(404)).toBe("info");
    expect(requestLogLevel(500)).toBe("error");
    expect(requestLogLevel(200, new Error("aborted"))).toBe("error");
  });
});

import { describe, expect, it } from "vitest";
import { eventStream, StreamRefused } from "./event-stream";

const sse = (text: string, status = 200) =>
  new Response(status === 204 ? null : text, {
    status,
    headers: { "content-type": status < 300 ? "text/event-stream" : "application/problem+json" },
  });

/** A stand-in for the gateway that answers each call from a script and records the headers sent. */
function scripted(...answers: Response[]) {
  const sent: Headers[] = [];
  const fetch = (async (_url: string, init?: RequestInit) => {
    sent.push(new Headers(init?.headers));
    const answer = answers.shift();
    if (!answer) throw new Error("no more answers");
    return answer;
  }) as typeof globalThis.fetch;
  return {
    sent,
    request: { url: "http://gateway/v1/x/stream", headers: () => ({ authorization: "Bearer t" }), fetch },
  };
}

async function collect<T>(events: AsyncGenerator<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe("eventStream", () => {
  it("yields typed events, reconnects with Last-Event-ID after the server ends, and stops on 204", async () => {
    const { sent, request } = scripted(
      sse(
        ': connected\n\nevent: status\nid: 1\nretry: 10\ndata: {"n":1}\n\nevent: status\nid: 2\ndata: {"n":2}\n\n',
      ),
      sse('event: status\nid: 3\ndata: {"n":3}\n\n'),
      sse("", 204),
    );
    const events = await collect(eventStream<{ n: number }>(request));
    expect(events).toEqual([
      { id: "1", type: "status", data: { n: 1 } },
      { id: "2", type: "status", data: { n: 2 } },
      { id: "3", type: "status", data: { n: 3 } },
    ]);
    expect(sent.map((headers) => headers.get("last-event-id"))).toEqual([null, "2", "3"]);
    expect(sent[0]?.get("authorization")).toBe("Bearer t");
  });

  it("ends after the event the caller says is the last, without reconnecting", async () => {
    const { sent, request } = scripted(
      sse('id: 1\ndata: {"final":false}\n\nid: 2\ndata: {"final":true}\n\n'),
    );
    const events = await collect(eventStream<{ final: boolean }>(request, { isLast: (e) => e.data.final }));
    expect(events).toHaveLength(2);
    expect(sent).toHaveLength(1);
  });

  it("throws the problem of a refusal", async () => {
    const { request } = scripted(sse('{"status":404,"title":"Not Found"}', 404));
    const refusal = collect(eventStream(request));
    await expect(refusal).rejects.toBeInstanceOf(StreamRefused);
    await expect(refusal).rejects.toMatchObject({
      status: 404,
      problem: { status: 404, title: "Not Found" },
    });
  });

  it("gives up after maxReconnects failed connections in a row", async () => {
    const { sent, request } = scripted();
    await expect(
      collect(eventStream(request, { maxReconnects: 2, lastEventId: "7", retryMs: 1 })),
    ).rejects.toThrow("no more answers");
    expect(sent.map((headers) => headers.get("last-event-id"))).toEqual(["7", "7", "7"]);
  });

  it("skips an event that is not JSON or is an error, without moving Last-Event-ID past it", async () => {
    const { sent, request } = scripted(
      sse('id: 1\ndata: {"n":1}\n\nevent: error\nid: 9\ndata: Internal error\n\n'),
      sse("", 204),
    );
    const events = await collect(eventStream<{ n: number }>(request, { retryMs: 1 }));
    expect(events.map((event) => event.id)).toEqual(["1"]);
    expect(sent[1]?.get("last-event-id")).toBe("1");
  });

  it("replaces a connection that goes quiet, resuming after the last event", async () => {
    const sent: (string | null)[] = [];
    // Like fetch, the body fails once the request's signal aborts; until then it stays silent after one event.
    const fetch = (async (_url: string, init?: RequestInit) => {
      sent.push(new Headers(init?.headers).get("last-event-id"));
      if (sent.length > 1) return sse("", 204);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('id: 1\ndata: {"n":1}\n\n'));
          init?.signal?.addEventListener("abort", () => controller.error(init.signal?.reason));
        },
      });
      return new Response(body, { headers: { "content-type": "text/event-stream" } });
    }) as typeof globalThis.fetch;
    const request = { url: "http://gateway/v1/x/stream", headers: () => ({}), fetch };
    const events = await collect(eventStream<{ n: number }>(request, { idleTimeoutMs: 50, retryMs: 1 }));
    expect(events.map((event) => event.id)).toEqual(["1"]);
    expect(sent).toEqual([null, "1"]);
  });
});

import { EventSourceParserStream, type EventSourceMessage } from "eventsource-parser/stream";

export interface StreamOptions {
  /** Sent as Last-Event-ID: the stream continues after that event. */
  lastEventId?: string;
  /** Stops the stream (and any reconnect). */
  signal?: AbortSignal;
  /** Reconnects after a dropped connection, with Last-Event-ID, at most this many times in a row. Default 5. */
  maxReconnects?: number;
  /** Called each time a connection is open and events can flow (e.g. to show "live"). */
  onOpen?: () => void;
  /**
   * A connection that brings nothing (no event, no heartbeat) for this long is
   * taken for dead (a half-open TCP connection) and replaced. Default 45000,
   * three times the gateway's heartbeat.
   */
  idleTimeoutMs?: number;
  /** Wait before reconnecting until the server says otherwise (its `retry` field), in ms. Default 2000. */
  retryMs?: number;
}

interface StreamControl<T> extends StreamOptions {
  /** The stream is over after an event for which this says true (no reconnect). */
  isLast?: (event: StreamEvent<T>) => boolean;
}

export interface StreamEvent<T> {
  id: string;
  type: string;
  data: T;
}

export interface StreamRequest {
  url: string;
  headers: () => Promise<Record<string, string>> | Record<string, string>;
  fetch: typeof fetch;
}

/** A refusal of a stream: the problem+json body the gateway answered with. */
export class StreamRefused extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`The stream was refused with HTTP ${status}`);
    this.name = "StreamRefused";
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });

/**
 * Server-Sent Events over fetch, so the bearer token travels in a header
 * (EventSource cannot send one). Like EventSource it reconnects after a
 * dropped connection with the last event's id and the server's retry delay,
 * and stops for good on 204 (the stream is finished) or on a refusal (4xx,
 * thrown as StreamRefused); a 503 or 429 is retried after its Retry-After.
 */
export async function* eventStream<T>(
  request: StreamRequest,
  {
    lastEventId,
    signal,
    maxReconnects = 5,
    retryMs: initialRetryMs = 2_000,
    onOpen,
    idleTimeoutMs = 45_000,
    isLast,
  }: StreamControl<T> = {},
): AsyncGenerator<StreamEvent<T>> {
  let last = lastEventId;
  let retryMs = initialRetryMs;
  let failures = 0;
  while (!signal?.aborted) {
    const attempt = new AbortController();
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const stillAlive = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => attempt.abort(new Error("the stream went quiet")), idleTimeoutMs);
    };
    let response: Response;
    try {
      response = await request.fetch(request.url, {
        headers: {
          accept: "text/event-stream",
          ...(await request.headers()),
          ...(last ? { "last-event-id": last } : {}),
        },
        signal: signal ? AbortSignal.any([signal, attempt.signal]) : attempt.signal,
      });
    } catch (error) {
      if (signal?.aborted) return;
      if (++failures > maxReconnects) throw error;
      await sleep(retryMs, signal);
      continue;
    }
    if (response.status === 204) return;
    if (response.status === 429 || response.status === 503) {
      await response.body?.cancel();
      if (++failures > maxReconnects) throw new StreamRefused(response.status, undefined);
      await sleep(Number(response.headers.get("retry-after") ?? 2) * 1000, signal);
      continue;
    }
    if (!response.ok || !response.body) {
      throw new StreamRefused(response.status, await response.json().catch(() => undefined));
    }
    onOpen?.();
    stillAlive();
    const events = response.body
      .pipeThrough(
        new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
          transform(chunk, controller) {
            stillAlive();
            controller.enqueue(chunk);
          },
        }),
      )
      .pipeThrough(new TextDecoderStream())
      .pipeThrough(new EventSourceParserStream({ onRetry: (ms) => (retryMs = ms) }));
    try {
      for await (const event of events as AsyncIterable<EventSourceMessage>) {
        failures = 0;
        const parsed = parseEvent<T>(event);
        // An event that is not ours (e.g. a proxy's error text) neither counts nor moves Last-Event-ID.
        if (!parsed) continue;
        if (parsed.id) last = parsed.id;
        yield parsed;
        if (isLast?.(parsed)) return;
      }
    } catch (error) {
      if (signal?.aborted) return;
      if (++failures > maxReconnects) throw error;
    } finally {
      clearTimeout(watchdog);
    }
    // The server ended the stream (or the connection dropped): reconnect where we left off.
    await sleep(retryMs, signal);
  }
}

function parseEvent<T>(event: EventSourceMessage): StreamEvent<T> | undefined {
  if (event.event === "error") return undefined;
  try {
    return { id: event.id ?? "", type: event.event ?? "message", data: JSON.parse(event.data) as T };
  } catch {
    return undefined;
  }
}

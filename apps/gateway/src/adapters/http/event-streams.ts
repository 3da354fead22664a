import { HttpException, Inject, Injectable, Logger, type MessageEvent } from "@nestjs/common";
import { ProblemException, problemType, SERVICE_CONFIG } from "@peakshop/platform-nest";
import type { FastifyReply } from "fastify";
import {
  catchError,
  concat,
  concatMap,
  EMPTY,
  endWith,
  from,
  interval,
  map,
  merge,
  of,
  takeUntil,
  takeWhile,
  timer,
  type Observable,
} from "rxjs";
import type { z } from "zod";
import type { GatewayConfig } from "../../config";
import {
  changesReceived,
  initiallyUnseen,
  isFinalStatus,
  newStatusEvents,
  unseenEntries,
} from "../../domain/event-streams";
import { OpenStreams } from "../../domain/in-flight-limit";
import { overloadDetail, overloadRetryAfterSeconds } from "../../domain/retry-after";
import { AdmissionMetrics } from "../metrics/admission.metrics";
import { SharedPoller } from "../upstream/shared-poller";
import { UpstreamClient } from "../upstream/upstream.client";
import { UpstreamProblem } from "../upstream/upstream-problem";
import type { Caller } from "./auth.guard";
import { NotificationFeed, OrderView } from "./public-views";

/** Thrown when a client reconnects to an order stream it has already seen to the end: 204 stops EventSource. */
export class StreamFinished extends HttpException {
  constructor() {
    super("", 204);
  }
}

const END = Symbol("end of stream");
/** Newest notifications looked at per poll: more than a customer gets between two polls. */
const FEED_PAGE = 50;

/**
 * The Server-Sent Event streams of the public API. Each starts with a fetch
 * made before any header is sent, so a missing order is a plain 404; then it
 * follows a poll shared by every stream of the same resource (SharedPoller).
 */
@Injectable()
export class EventStreams {
  private readonly logger = new Logger(EventStreams.name);

  constructor(
    private readonly upstream: UpstreamClient,
    private readonly poller: SharedPoller,
    private readonly openStreams: OpenStreams,
    private readonly metrics: AdmissionMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** `status` events of the caller's order, ending after a final status; ids count the changes. */
  async orderStatus(caller: Caller, orderId: string, lastEventId: string | undefined, reply: FastifyReply) {
    // Admitted before any call to the services: at the stream limit a reconnect costs them nothing.
    this.admit(reply);
    const fetchOrder = () => this.fetch(caller, "order", `/v1/orders/${orderId}`, OrderView);
    const first = await this.soonFound(fetchOrder);
    let received = changesReceived(lastEventId);
    if (isFinalStatus(first.status) && received >= first.history.length) throw new StreamFinished();
    const orders = concat(of(first), this.poller.watch(`order:${caller.customerId}:${orderId}`, fetchOrder));
    const events = orders.pipe(
      takeWhile((order) => !isFinalStatus(order.status), true),
      concatMap((order) => {
        const fresh = newStatusEvents(orderId, order.history, received);
        received += fresh.length;
        return from(fresh.map((event) => this.message("status", event)));
      }),
    );
    return this.stream(events);
  }

  /** `notification` events of the caller's feed; ids are the notifications' ids. */
  async notifications(caller: Caller, lastEventId: string | undefined, reply: FastifyReply) {
    const path = `/v1/customers/${encodeURIComponent(caller.customerId)}/notifications?limit=${FEED_PAGE}`;
    const fetchFeed = async () => (await this.fetch(caller, "notification", path, NotificationFeed)).items;
    this.admit(reply);
    const { unseen, seen } = initiallyUnseen(await fetchFeed(), lastEventId);
    // Bounded: only ids that can still be on the page matter.
    const known = new Set(seen);
    const remember = (id: string) => {
      known.add(id);
      if (known.size > FEED_PAGE * 4) known.delete(known.values().next().value!);
    };
    const later = this.poller
      .watch(`notifications:${caller.customerId}`, fetchFeed)
      .pipe(concatMap((page) => from(unseenEntries(page, known))));
    const events = concat(from(unseen), later).pipe(
      map((item) => {
        remember(item.id);
        return this.message("notification", { id: item.id, data: item });
      }),
    );
    return this.stream(events);
  }

  /**
   * A checkout's 202 comes once the order is durable, a moment before the order
   * service has placed it; a stream opened right away waits that moment out
   * (SSE_ORDER_GRACE_MS) rather than answer 404. Any other order id waits as
   * long, so the delay tells nobody whether someone else's order exists.
   */
  private async soonFound<T>(fetch: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.config.SSE_ORDER_GRACE_MS;
    for (;;) {
      try {
        return await fetch();
      } catch (error) {
        const notFound = error instanceof UpstreamProblem && error.problem.status === 404;
        if (!notFound || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.config.SSE_POLL_INTERVAL_MS));
      }
    }
  }

  private async fetch<S extends z.ZodType>(
    caller: Caller,
    service: "order" | "notification",
    path: string,
    view: S,
  ) {
    const headers = service === "order" ? { "x-customer-id": caller.customerId } : undefined;
    const { body } = await this.upstream.call(
      service,
      { method: "GET", path, requestId: caller.requestId, headers },
      view,
    );
    return body;
  }

  /**
   * Takes a stream slot until the connection closes (an error answer closes it
   * too, so refusals give the slot back), or answers 503 when none is free.
   */
  private admit(reply: FastifyReply): void {
    const release = this.openStreams.tryAcquire();
    if (release) {
      // A client that left while the first fetch ran has closed already: no "close" will come.
      if (reply.raw.destroyed) release();
      else reply.raw.once("close", release);
      return;
    }
    this.metrics.rejected("stream_limit", reply);
    const retryAfter = overloadRetryAfterSeconds(
      this.config.GATEWAY_OVERLOAD_RETRY_AFTER_SECONDS,
      Math.random(),
    );
    void reply.header("retry-after", String(retryAfter));
    throw new ProblemException({
      status: 503,
      title: "Service Unavailable",
      type: problemType("overloaded"),
      detail: overloadDetail(retryAfter),
    });
  }

  private message(type: string, event: { id: string; data: object }): MessageEvent {
    return { type, id: event.id, data: event.data, retry: this.config.SSE_RETRY_MS };
  }

  /**
   * The events with what every stream needs: a comment at once (the client
   * knows it is connected before the first event), heartbeats, and an end
   * after SSE_MAX_STREAM_SECONDS, after which the client reconnects.
   */
  private stream(events: Observable<MessageEvent>): Observable<MessageEvent> {
    const heartbeats = interval(this.config.SSE_HEARTBEAT_SECONDS * 1000).pipe(
      map((): MessageEvent => ({ comment: "keep-alive" })),
    );
    // A failed poll ends the stream quietly rather than with Nest's `error` event,
    // which carries an id of its own that a client would resume after; the
    // client reconnects with its last real event's id and misses nothing.
    const safeEvents = events.pipe(
      catchError((error: unknown) => {
        this.logger.warn({ err: error }, "event stream ended by a failed poll; the client will reconnect");
        return EMPTY;
      }),
    );
    return merge(
      concat(of<MessageEvent>({ comment: "connected" }), safeEvents).pipe(endWith(END)),
      heartbeats,
    ).pipe(
      takeWhile((message): message is MessageEvent => message !== END),
      takeUntil(timer(this.config.SSE_MAX_STREAM_SECONDS * 1000)),
    );
  }
}

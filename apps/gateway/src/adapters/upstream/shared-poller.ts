import { Inject, Injectable } from "@nestjs/common";
import { SERVICE_CONFIG } from "@peakshop/platform-nest";
import { catchError, defer, EMPTY, exhaustMap, finalize, share, timer, type Observable } from "rxjs";
import type { GatewayConfig } from "../../config";
import { UpstreamUnavailable } from "./upstream-problem";

/**
 * One poll loop per resource, however many streams watch it: a customer with
 * three tabs open on one order costs the order service one request per
 * SSE_POLL_INTERVAL_MS, not three. The loop stops when its last watcher leaves.
 * A service that does not answer is asked again next time (the stream stays
 * open); any other failure ends the streams watching.
 */
@Injectable()
export class SharedPoller {
  private readonly loops = new Map<string, Observable<unknown>>();

  constructor(@Inject(SERVICE_CONFIG) private readonly config: GatewayConfig) {}

  /**
   * The resource's poll results. The loop is found or started on subscription,
   * not here: a stream that never subscribes (it ended before it needed polls)
   * leaves nothing behind.
   */
  watch<T>(key: string, fetch: () => Promise<T>): Observable<T> {
    return defer(() => (this.loops.get(key) as Observable<T> | undefined) ?? this.start(key, fetch));
  }

  private start<T>(key: string, fetch: () => Promise<T>): Observable<T> {
    const loop: Observable<T> = timer(
      this.config.SSE_POLL_INTERVAL_MS,
      this.config.SSE_POLL_INTERVAL_MS,
    ).pipe(
      exhaustMap(() =>
        defer(fetch).pipe(
          catchError((error: unknown) => {
            if (error instanceof UpstreamUnavailable) return EMPTY;
            throw error;
          }),
        ),
      ),
      finalize(() => {
        if (this.loops.get(key) === loop) this.loops.delete(key);
      }),
      share(),
    );
    this.loops.set(key, loop);
    return loop;
  }

  /** Resources polled now, for the metrics. */
  get size(): number {
    return this.loops.size;
  }
}

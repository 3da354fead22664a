import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from "@nestjs/common";
import { defer, finalize, mergeMap, type Observable } from "rxjs";
import { FaultInjector } from "./fault-injector";

/** Plays the faults before the handler runs, and counts the request in flight until it is done. */
@Injectable()
export class FaultsInterceptor implements NestInterceptor {
  constructor(private readonly faults: FaultInjector) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return defer(() => this.faults.enter()).pipe(
      mergeMap(() => next.handle()),
      finalize(() => this.faults.leave()),
    );
  }
}

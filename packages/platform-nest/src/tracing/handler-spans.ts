import type { CallHandler, ExecutionContext, NestInterceptor } from "@nestjs/common";
import { context, trace } from "@opentelemetry/api";
import { Observable } from "rxjs";
import { endSpan, tracer } from "./trace-context";

/**
 * A span per controller handler run (`OrdersController.get`), child of the
 * request's server span, so a trace shows which handler answered and what it
 * waited on. OpenTelemetry's NestJS instrumentation adds these for Nest below
 * 12 only; the attributes are the ones it sets. Registered only when tracing
 * is on, and for HTTP only: a consumed message has its own `process` span.
 */
export class HandlerSpansInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== "http") return next.handle();
    const controller = execution.getClass().name;
    const callback = execution.getHandler().name;
    const span = tracer().startSpan(`${controller}.${callback}`, {
      attributes: { "nestjs.type": "handler", "nestjs.controller": controller, "nestjs.callback": callback },
    });
    const active = trace.setSpan(context.active(), span);
    let ended = false;
    const end = (error?: unknown) => {
      if (ended) return;
      ended = true;
      endSpan(span, error);
    };
    return new Observable((subscriber) => {
      // Subscribing runs the handler: inside the span's context, so what it awaits is its child.
      const subscription = context.with(active, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            end(error);
            subscriber.error(error);
          },
          complete: () => {
            end();
            subscriber.complete();
          },
        }),
      );
      // A stream the client closed ends its span too.
      return () => {
        subscription.unsubscribe();
        end();
      };
    });
  }
}

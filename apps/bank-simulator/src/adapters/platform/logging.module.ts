import { REQUEST_ID_HEADER } from "@peakshop/platform-nest";
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { LoggerModule } from "nestjs-pino";

// The same JSON logs as every peakshop service. A copy of platform-nest's
// loggingModule, which it does not export; drop this file once it does.
export function loggingModule(serviceName: string, level: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      base: { service: serviceName },
      messageKey: "message",
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      redact: ["req.headers.authorization", "req.headers.cookie"],
      genReqId: (request: IncomingMessage) => {
        const given = request.headers[REQUEST_ID_HEADER];
        return (Array.isArray(given) ? given[0] : given) ?? randomUUID();
      },
      customProps: (request: IncomingMessage & { id?: unknown }) => ({ correlationId: request.id }),
      autoLogging: { ignore: (request) => (request.url ?? "").startsWith("/health") },
    },
  });
}

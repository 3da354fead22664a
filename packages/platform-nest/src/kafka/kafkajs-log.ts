import { logLevel, type logCreator } from "kafkajs";
import pino from "pino";

const levels: Record<number, "error" | "warn" | "info" | "debug"> = {
  [logLevel.ERROR]: "error",
  [logLevel.WARN]: "warn",
  [logLevel.INFO]: "info",
  [logLevel.DEBUG]: "debug",
};

/** Routes kafkajs's own logs into the service's structured JSON log stream. */
export function kafkajsLogCreator(service: string, level: string): logCreator {
  const logger = pino({ level, base: { service, component: "kafkajs" }, messageKey: "message" });
  return () =>
    ({ level: entryLevel, log }) => {
      const { message, ...fields } = log;
      logger[levels[entryLevel] ?? "info"](fields, message);
    };
}

export const KAFKAJS_LOG_LEVEL = logLevel.WARN;

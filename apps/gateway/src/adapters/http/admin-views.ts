import "zod-openapi";
import { z } from "zod";
import { OrderView } from "./public-views";

// What the operator console reads through the admin API: the shapes the
// services answer, checked here as the public views are (502 when a service
// breaks its own contract).

const OPEN_STATUSES = ["PLACED", "STOCK_RESERVED", "PAYMENT_PENDING"] as const;

export const AdminOrder = OrderView.extend({
  customerId: z.string(),
  updatedAt: z.string().describe("When the order last changed."),
  stuck: z
    .enum(["past-deadline", "stalled"])
    .nullable()
    .describe(
      "past-deadline: its deadline passed over a minute ago and it is still open; stalled: no change for a minute in a step without the bank; null: moving as it should.",
    ),
}).meta({ id: "AdminOrder" });

export const OrdersOverview = z
  .object({
    open: z
      .object(Object.fromEntries(OPEN_STATUSES.map((status) => [status, z.number().int()])))
      .describe("Orders in flight, by status."),
    orders: z.array(AdminOrder).describe("Orders in flight, oldest first."),
  })
  .meta({ id: "OrdersOverview" });

export const BankHealth = z
  .object({
    circuit: z.object({
      state: z.enum(["closed", "half-open", "open"]),
      since: z.string(),
      reason: z.string().optional(),
    }),
    recent: z.object({
      windowSeconds: z.number().int(),
      sent: z.number().int(),
      failed: z.number().int().describe("Timeouts and errors; declines are answers, not failures."),
      errorRate: z.number().min(0).max(1),
      rejected: z.number().int().describe("Not sent: the circuit was open or too many were in flight."),
    }),
  })
  .meta({ id: "BankHealth" });

export const DeadLetter = z
  .object({
    partition: z.number().int(),
    offset: z.string(),
    originalTopic: z.string(),
    originalOffset: z.string(),
    messageId: z.string().optional(),
    error: z.string(),
    attempts: z.string(),
    failedAt: z.string(),
  })
  .meta({ id: "DeadLetter" });

export const ConsumerDeadLetters = z
  .object({ consumer: z.string(), deadLetters: z.array(DeadLetter) })
  .meta({ id: "ConsumerDeadLetters" });

export const DeadLettersOverview = z
  .object({
    consumers: z.array(
      z.object({
        consumer: z.string(),
        deadLetters: z.array(DeadLetter),
        error: z.string().optional().describe("Set when the consumer's service could not be asked."),
      }),
    ),
  })
  .meta({ id: "DeadLettersOverview" });

export const ReplayResult = z
  .object({ consumer: z.string(), replayed: z.number().int() })
  .meta({ id: "ReplayResult" });

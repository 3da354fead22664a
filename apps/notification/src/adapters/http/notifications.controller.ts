import { Controller, Get, Param, Query } from "@nestjs/common";
import { ProblemException } from "@peakshop/platform-nest";
import { z } from "zod";
import { NotificationsRepository } from "../persistence/notifications.repository";

const customerIdSchema = z.string().min(1).max(128);

const feedQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    /** The id of the last notification of the previous page. */
    after: z.uuid().optional(),
  })
  .strict();

const badRequest = (detail: string, errors: { field: string; message: string }[] = []) =>
  new ProblemException({ status: 400, title: "Bad Request", detail, ...(errors.length ? { errors } : {}) });

/**
 * A customer's in-app feed, newest first. Internal: the gateway authenticates
 * the customer and calls this with their id (I6), so no id is trusted here
 * beyond its shape.
 */
@Controller("v1/customers/:customerId/notifications")
export class NotificationsController {
  constructor(private readonly notifications: NotificationsRepository) {}

  @Get()
  async list(@Param("customerId") customerId: string, @Query() query: unknown) {
    if (!customerIdSchema.safeParse(customerId).success)
      throw badRequest("customerId must be 1 to 128 characters.");
    const parsed = feedQuery.safeParse(query);
    if (!parsed.success) {
      throw badRequest(
        "Invalid query.",
        parsed.error.issues.map((issue) => ({
          field: issue.path.join(".") || "query",
          message: issue.message,
        })),
      );
    }
    const { limit, after } = parsed.data;
    if (after && !(await this.notifications.belongsTo(customerId, after))) {
      throw badRequest("after must be the id of one of this customer's notifications.", [
        { field: "after", message: "unknown notification" },
      ]);
    }
    return { items: await this.notifications.feed(customerId, limit, after) };
  }
}

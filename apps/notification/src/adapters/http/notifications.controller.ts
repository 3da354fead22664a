import { Controller, Get, Param, Query } from "@nestjs/common";
import { CustomerId } from "@peakshop/contracts";
import { invalidRequest, parseRequest } from "@peakshop/platform-nest";
import { z } from "zod";
import { NotificationsRepository } from "../persistence/notifications.repository";

const feedQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    /** The id of the last notification of the previous page. */
    after: z.uuid().optional(),
  })
  .strict();

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
    parseRequest(CustomerId, customerId, "path.customerId");
    const { limit, after } = parseRequest(feedQuery, query, "query");
    if (after && !(await this.notifications.belongsTo(customerId, after)))
      throw invalidRequest([{ field: "query.after", message: "not one of this customer's notifications" }]);
    return { items: await this.notifications.feed(customerId, limit, after) };
  }
}

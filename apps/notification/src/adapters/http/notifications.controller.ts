import { Controller, Get, Param, Query } from "@nestjs/common";
import { CustomerId } from "@peakshop/contracts";
import { invalidRequest, parseRequest, readPage } from "@peakshop/platform-nest";
import { z } from "zod";
import { NotificationsRepository } from "../persistence/notifications.repository";

const feedQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    /** The previous page's nextCursor (the id of its last notification). */
    cursor: z.uuid().optional(),
    /** The same as cursor, under the name the first feed used; kept for its callers. */
    after: z.uuid().optional(),
  })
  .strict()
  .refine((query) => !(query.cursor && query.after), {
    message: "give cursor or after, not both",
    path: ["after"],
  });

/**
 * A customer's in-app feed, newest first, a page at a time (`limit`, and
 * `cursor` from the previous page's `nextCursor`, null on the last). Internal: the gateway authenticates
 * the customer and calls this with their id (I6), so no id is trusted here
 * beyond its shape.
 */
@Controller("v1/customers/:customerId/notifications")
export class NotificationsController {
  constructor(private readonly notifications: NotificationsRepository) {}

  @Get()
  async list(@Param("customerId") customerId: string, @Query() query: unknown) {
    parseRequest(CustomerId, customerId, "path.customerId");
    const { limit, cursor, after } = parseRequest(feedQuery, query, "query");
    const from = cursor ?? after;
    if (from && !(await this.notifications.belongsTo(customerId, from)))
      throw invalidRequest([
        {
          field: cursor ? "query.cursor" : "query.after",
          message: "not one of this customer's notifications",
        },
      ]);
    return readPage(
      limit,
      (count) => this.notifications.feed(customerId, count, from),
      (last) => last.id,
    );
  }
}

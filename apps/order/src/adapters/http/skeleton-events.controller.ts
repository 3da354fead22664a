import { BadRequestException, Body, Controller, HttpCode, Post } from "@nestjs/common";
import { z } from "zod";
import { RecordSkeletonEventHandler } from "../../application/record-skeleton-event.handler";

const recordRequest = z.object({ message: z.string().min(1).max(500) }).strict();

@Controller("v1/skeleton/events")
export class SkeletonEventsController {
  constructor(private readonly record: RecordSkeletonEventHandler) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown) {
    const parsed = recordRequest.safeParse(body);
    if (!parsed.success) {
      throw new BadRequestException(
        parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
      );
    }
    return this.record.execute(parsed.data.message);
  }
}

import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
} from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import type { Repository } from "typeorm";
import { z } from "zod";
import { RecordSkeletonEventHandler } from "../../application/record-skeleton-event.handler";
import { SkeletonEventEntity } from "../persistence/skeleton-event.entity";

const recordRequest = z.object({ message: z.string().min(1).max(500) }).strict();

@Controller("v1/skeleton/events")
export class SkeletonEventsController {
  constructor(
    private readonly record: RecordSkeletonEventHandler,
    @InjectRepository(SkeletonEventEntity) private readonly view: Repository<SkeletonEventEntity>,
  ) {}

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

  /** From the read model: a just-recorded event appears here once the projection has run. */
  @Get(":eventId")
  async get(@Param("eventId", new ParseUUIDPipe()) eventId: string) {
    const event = await this.view.findOneBy({ eventId });
    if (!event) throw new NotFoundException(`no event ${eventId}`);
    return event;
  }
}

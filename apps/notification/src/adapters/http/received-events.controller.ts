import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from "@nestjs/common";
import { RecordReceivedEventHandler } from "../../application/record-received-event.handler";

@Controller("v1/skeleton/received")
export class ReceivedEventsController {
  constructor(private readonly received: RecordReceivedEventHandler) {}

  @Get(":eventId")
  async get(@Param("eventId", new ParseUUIDPipe()) eventId: string) {
    const event = await this.received.find(eventId);
    if (!event) throw new NotFoundException(`no event ${eventId} received`);
    return event;
  }
}

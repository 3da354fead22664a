import { Body, Controller, HttpCode, Param, Post } from "@nestjs/common";
import { parseRequest, problemType, ProblemException } from "@peakshop/platform-nest";
import { z } from "zod";
import { refusePost } from "../../domain/incident-updates";
import { PaymentStatusRepository } from "../persistence/payment-status.repository";

/** Incidents are numbered with UUIDs; any other id names no incident. */
const incidentId = z.uuid();
const postBody = z.strictObject({
  kind: z.enum(["update", "apology"]),
  message: z.string().trim().min(1).max(2_000),
});

/**
 * Updates and apologies people post on an incident's public timeline.
 * Internal: the gateway lets only admins reach it.
 */
@Controller("v1/incidents/:incidentId/updates")
export class IncidentsController {
  constructor(private readonly status: PaymentStatusRepository) {}

  @Post()
  @HttpCode(201)
  async post(@Param("incidentId") id: string, @Body() body: unknown) {
    const { kind, message } = parseRequest(postBody, body, "body");
    const incident = incidentId.safeParse(id).success ? await this.status.incident(id) : undefined;
    if (!incident)
      throw new ProblemException({ status: 404, title: "Not Found", detail: `No incident ${id}.` });
    const refusal = refusePost(kind, incident);
    if (refusal)
      throw new ProblemException({
        status: 409,
        title: "Conflict",
        type: problemType("incident-still-open"),
        detail: refusal,
      });
    const update = { incidentId: id, at: new Date().toISOString(), kind, message };
    await this.status.addUpdate(update);
    return update;
  }
}

import { Body, Controller, HttpCode, Param, Post } from "@nestjs/common";
import { parseRequest, problemType, ProblemException } from "@peakshop/platform-nest";
import { z } from "zod";
import { PostIncidentUpdateHandler } from "../../application/post-incident-update.handler";

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
  constructor(private readonly post: PostIncidentUpdateHandler) {}

  @Post()
  @HttpCode(201)
  async create(@Param("incidentId") id: string, @Body() body: unknown) {
    const { kind, message } = parseRequest(postBody, body, "body");
    const outcome = incidentId.safeParse(id).success
      ? await this.post.execute(id, kind, message)
      : ({ refused: "no-such-incident" } as const);
    if ("posted" in outcome) return outcome.posted;
    if (outcome.refused === "no-such-incident")
      throw new ProblemException({ status: 404, title: "Not Found", detail: `No incident ${id}.` });
    throw new ProblemException({
      status: 409,
      title: "Conflict",
      type: problemType("incident-still-open"),
      detail: outcome.detail,
    });
  }
}

import type { FastifyInstance } from "fastify";

/**
 * GET and PUT /dev/bank/faults, passed to the bank simulator as they are: the
 * simulator validates the body and answers problem+json, so this adds nothing
 * but the same origin (the browser may not call the simulator itself).
 */
export function registerBankFaults(app: FastifyInstance, bankUrl: string): void {
  const target = `${bankUrl.replace(/\/+$/, "")}/v1/faults`;
  const pass = async (init: RequestInit) => {
    try {
      const answer = await fetch(target, { ...init, signal: AbortSignal.timeout(5_000) });
      return { status: answer.status, type: answer.headers.get("content-type"), body: await answer.text() };
    } catch {
      return {
        status: 502,
        type: "application/problem+json",
        body: JSON.stringify({
          type: "about:blank",
          title: "Bad Gateway",
          status: 502,
          detail: "The bank simulator is not answering.",
        }),
      };
    }
  };
  app.get("/dev/bank/faults", async (_request, reply) => {
    const { status, type, body } = await pass({ method: "GET" });
    return reply
      .code(status)
      .header("content-type", type ?? "application/json")
      .send(body);
  });
  app.put("/dev/bank/faults", async (request, reply) => {
    const { status, type, body } = await pass({
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request.body ?? {}),
    });
    return reply
      .code(status)
      .header("content-type", type ?? "application/json")
      .send(body);
  });
}

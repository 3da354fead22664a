import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboundFailure, sendOutbound } from "./outbound-http";

/** A peer that answers by path: well, not at all, or halfway. */
function peer(): Server {
  return createServer((request, response) => {
    if (request.url === "/echo") {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () =>
        response
          .writeHead(201, { "content-type": "application/json" })
          .end(JSON.stringify({ method: request.method, key: request.headers["idempotency-key"], body })),
      );
    } else if (request.url === "/missing") response.writeHead(404).end();
    else if (request.url === "/stall-headers") setTimeout(() => response.end(), 2_000);
    else if (request.url === "/stall-body") {
      response.writeHead(200, { "content-length": "100" });
      response.write("{");
    } else if (request.url === "/drop-body") {
      response.writeHead(200, { "content-length": "100" });
      response.write("{", () => request.socket.destroy());
    }
  });
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as OutboundFailure,
  );

describe("sendOutbound", () => {
  const server = peer();
  let base: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it("given a peer that answers, then any status comes back with the body as text", async () => {
    const answer = await sendOutbound(`${base}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "k-1" },
      body: '{"amountCents":100}',
      timeoutMs: 1_000,
    });
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.text)).toEqual({ method: "POST", key: "k-1", body: '{"amountCents":100}' });
    expect(await sendOutbound(`${base}/missing`, { method: "GET", timeoutMs: 1_000 })).toEqual({
      status: 404,
      text: "",
    });
  });

  it("given a peer that stalls before or after its headers, then it times out as possibly received", async () => {
    for (const path of ["/stall-headers", "/stall-body"]) {
      const failure = await failureOf(sendOutbound(`${base}${path}`, { method: "POST", timeoutMs: 100 }));
      expect(failure).toBeInstanceOf(OutboundFailure);
      expect(failure).toMatchObject({ kind: "timeout", reachedPeer: true });
    }
  });

  it("given a peer that drops the connection mid-answer, then it failed after reaching the peer", async () => {
    const failure = await failureOf(sendOutbound(`${base}/drop-body`, { method: "POST", timeoutMs: 1_000 }));
    expect(failure).toMatchObject({ kind: "network", reachedPeer: true });
  });

  it("given only the status matters, then a peer that stalls or drops after its status still answered", async () => {
    for (const path of ["/stall-body", "/drop-body"]) {
      const answer = await sendOutbound(`${base}${path}`, {
        method: "POST",
        timeoutMs: 200,
        statusOnly: true,
      });
      expect(answer).toEqual({ status: 200, text: "" });
    }
  });

  it("given nobody listening, then the request is known never to have left", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await failureOf(
      sendOutbound(`http://127.0.0.1:${port}/`, { method: "POST", timeoutMs: 1_000 }),
    );
    expect(failure).toMatchObject({ kind: "network", reachedPeer: false, code: "ECONNREFUSED" });
  });
});

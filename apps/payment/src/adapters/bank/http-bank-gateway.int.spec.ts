import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BankRefused, BankUnavailable } from "../../application/bank-gateway.port";
import { BankTimeout } from "./bank-request-outcome";
import { HttpBankGateway } from "./http-bank-gateway";

/**
 * The bank's HTTP failure modes that the simulator's faults do not produce
 * byte by byte: answers that stall or break after their headers, and the 4xx
 * a busy bank sends. A local server plays the bank's side of the wire.
 */
describe("HttpBankGateway against a misbehaving bank", () => {
  let server: Server;
  let gateway: HttpBankGateway;
  let behave: (response: ServerResponse, request: IncomingMessage) => void = () => undefined;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on("end", () => behave(response, request));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    gateway = new HttpBankGateway(
      {
        baseUrl: `http://127.0.0.1:${port}`,
        timeoutMs: 300,
        maxConcurrency: 4,
        breakerThreshold: 1_000,
        halfOpenAfterMs: 1_000,
      },
      { circuitChanged: () => undefined, requestFinished: () => undefined },
    );
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const charge = () =>
    gateway.charge({
      idempotencyKey: "pay-1",
      amountCents: 2500,
      currency: "EUR",
      reference: "order-1",
      paymentToken: "tok_ok",
    });

  it("given a bank that sends its headers and then stalls, then the charge times out as in doubt", async () => {
    behave = (response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"chargeId":');
    };
    const error = await charge().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BankTimeout);
    expect((error as BankUnavailable).mayHaveCharged).toBe(true);
  });

  it("given a bank that drops the connection in the middle of its answer, then the charge is in doubt", async () => {
    behave = (response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      response.write('{"chargeId":');
      // After the client has the headers: the break comes while it reads the body.
      setTimeout(() => response.destroy(), 50);
    };
    const error = await charge().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BankUnavailable);
    expect((error as BankUnavailable).mayHaveCharged).toBe(true);
  });

  it("given a busy bank (429), then the charge waits for another try and nothing was charged", async () => {
    behave = (response) => response.writeHead(429, { "retry-after": "1" }).end();
    const error = await charge().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BankUnavailable);
    expect((error as BankUnavailable).mayHaveCharged).toBe(false);
  });

  it("given a bank that timed out reading the request (408), then the charge is in doubt and tried again", async () => {
    behave = (response) => response.writeHead(408).end();
    const error = await charge().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BankUnavailable);
    expect((error as BankUnavailable).mayHaveCharged).toBe(true);
  });

  it("given a request the bank calls wrong (400), then it fails loudly as our bug, not as the bank's trouble", async () => {
    behave = (response) => response.writeHead(400, { "content-type": "text/plain" }).end("amount missing");
    const error = await charge().catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(BankUnavailable);
    expect(error).toBeInstanceOf(BankRefused);
    expect(error).toMatchObject({ status: 400 });
    expect(String(error)).toContain("400 amount missing");
  });

  it("given a well-behaved answer, then it is read as before", async () => {
    behave = (response) =>
      response
        .writeHead(201, { "content-type": "application/json" })
        .end(JSON.stringify({ chargeId: "ch_1", status: "captured" }));
    expect(await charge()).toEqual({ status: "captured", chargeId: "ch_1" });
  });
});

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { receiverSecret } from "../../src/adapters/delivery/webhook-signature";

export interface ReceivedWebhook {
  deliveryId: string;
  body: {
    id: string;
    type: string;
    customerId: string;
    orderId: string | null;
    message: string;
    createdAt: string;
  };
}

/**
 * A merchant's webhook endpoint: verifies every signature with the Standard
 * Webhooks library (as a merchant would, from the secret we give them), answers 503 to the
 * first request of each delivery (so the sender's retry is exercised), then
 * accepts, keeping one entry per delivery id as a careful receiver would.
 */
export async function startWebhookReceiver(secret: string) {
  const accepted = new Map<string, ReceivedWebhook>();
  const rejected: string[] = [];
  const seen = new Set<string>();
  let requests = 0;
  const verifier = new Webhook(receiverSecret(secret));
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests++;
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const deliveryId = String(request.headers["webhook-id"] ?? "");
      try {
        verifier.verify(rawBody, request.headers as Record<string, string>);
      } catch (error) {
        rejected.push((error as Error).message);
        response.writeHead(401).end();
        return;
      }
      if (!seen.has(deliveryId)) {
        seen.add(deliveryId);
        response.writeHead(503).end();
      } else {
        if (!accepted.has(deliveryId))
          accepted.set(deliveryId, { deliveryId, body: JSON.parse(rawBody) as ReceivedWebhook["body"] });
        response.writeHead(204).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/peakshop/hooks`,
    accepted,
    rejected,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { WebhookSender, type WebhookRequest } from "../../application/delivery-channels.port";
import { webhookHeaders } from "./webhook-signature";

/** POSTs webhooks signed per Standard Webhooks, with fetch; only a 2xx answer within the timeout counts as delivered. */
export class HttpWebhookSender extends WebhookSender {
  constructor(
    private readonly secret: string,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  async send(request: WebhookRequest): Promise<void> {
    const response = await fetch(request.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "peakshop-notification/1",
        ...webhookHeaders(this.secret, request.deliveryId, new Date(), request.body),
      },
      body: request.body,
      signal: AbortSignal.timeout(this.timeoutMs),
      redirect: "manual",
    });
    // Read the answer so the connection can be reused; its content does not matter.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status >= 300) {
      throw new Error(`webhook ${request.url} answered ${response.status}`);
    }
  }
}

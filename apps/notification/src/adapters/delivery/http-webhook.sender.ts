import { sendOutbound } from "@peakshop/platform-nest";
import { WebhookSender, type WebhookRequest } from "../../application/delivery-channels.port";
import { webhookHeaders } from "./webhook-signature";

/**
 * POSTs webhooks signed per Standard Webhooks; only a 2xx answer within the
 * timeout counts as delivered (a redirect is not followed: it counts as failed).
 */
export class HttpWebhookSender extends WebhookSender {
  constructor(
    private readonly secret: string,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  async send(request: WebhookRequest): Promise<void> {
    const { status } = await sendOutbound(request.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "peakshop-notification/1",
        ...webhookHeaders(this.secret, request.deliveryId, new Date(), request.body),
      },
      body: request.body,
      timeoutMs: this.timeoutMs,
      // The receiver's 2xx is the delivery: what follows it is not ours to wait for.
      statusOnly: true,
    });
    if (status < 200 || status >= 300) throw new Error(`webhook ${request.url} answered ${status}`);
  }
}

/** Where notifications go besides the in-app feed; read from configuration at start. */
export interface ChannelSettings {
  email: boolean;
  webhookUrls: readonly string[];
}

export const CHANNEL_SETTINGS = Symbol("CHANNEL_SETTINGS");

export interface EmailMessage {
  /** The delivery id; the e-mail's Message-ID derives from it, so a resend is recognisable. */
  deliveryId: string;
  to: string;
  subject: string;
  text: string;
}

/** Sends one e-mail; resolves once the mail server accepted it, rejects otherwise. */
export abstract class EmailSender {
  abstract send(message: EmailMessage): Promise<void>;
}

export interface WebhookRequest {
  deliveryId: string;
  url: string;
  /** The exact JSON text to POST; the signature covers these bytes. */
  body: string;
}

/** POSTs one signed webhook; resolves on a 2xx answer, rejects on anything else or a timeout. */
export abstract class WebhookSender {
  abstract send(request: WebhookRequest): Promise<void>;
}

/**
 * How to reach a customer. The deployed stand-in derives an address from the
 * customer id; production replaces it with a lookup in the customer-profile service.
 */
export abstract class CustomerContacts {
  abstract emailOf(customerId: string): string;
}

import type { OnApplicationShutdown } from "@nestjs/common";
import { createTransport, type Transporter } from "nodemailer";
import { EmailSender, type EmailMessage } from "../../application/delivery-channels.port";

/** The Message-ID of a delivery: the same on every attempt, so a resend after a crash is recognisable. */
export function messageIdOf(deliveryId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "peakshop.invalid";
  return `<delivery.${deliveryId}@${domain}>`;
}

/** Sends e-mail over SMTP with nodemailer, through a small connection pool. */
export class SmtpEmailSender extends EmailSender implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    this.transport = createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: 4,
      // Defaults wait minutes; a stuck server should fail the attempt well within the delivery lease.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(message: EmailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: messageIdOf(message.deliveryId, this.from),
      headers: { "X-Peakshop-Delivery": message.deliveryId },
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

/** Stands in when SMTP_URL is unset: no e-mail deliveries are created then, so this only fails leftovers. */
export class DisabledEmailSender extends EmailSender {
  send(): Promise<void> {
    return Promise.reject(new Error("e-mail is disabled: SMTP_URL is not set"));
  }
}

import { simpleParser } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface CapturedEmail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  deliveryHeader: string;
}

/** A real SMTP server in the test process (the far side of a boundary we don't own), keeping what it accepts. */
export async function startSmtpCapture() {
  const emails: CapturedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          emails.push({
            messageId: parsed.messageId ?? "",
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? "",
            text: (parsed.text ?? "").trim(),
            deliveryHeader: String(parsed.headers.get("x-peakshop-delivery") ?? ""),
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    emails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// A local SMTP sink for runs without a registry: accepts every message on
// SMTP (port 1025) and lists them over HTTP (port 8025) in the shape of
// mailpit's API (GET /api/v1/messages), so tests and people can use either.
// Messages live in memory, bounded; this is a development tool, not a mail server.
import http from "node:http";
import { randomUUID } from "node:crypto";
import { SMTPServer } from "smtp-server";

const SMTP_PORT = Number(process.env.SMTP_PORT ?? 1025);
const HTTP_PORT = Number(process.env.HTTP_PORT ?? 8025);
const MAX_MESSAGES = Number(process.env.MAX_MESSAGES ?? 5000);
const messages = [];

function header(raw, name) {
  const match = new RegExp(`^${name}:\\s*(.*)$`, "im").exec(raw);
  return match ? match[1].trim() : "";
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      messages.unshift({
        ID: randomUUID(),
        MessageID: header(raw, "Message-ID"),
        From: { Address: session.envelope.mailFrom?.address ?? "" },
        To: session.envelope.rcptTo.map((rcpt) => ({ Address: rcpt.address })),
        Subject: header(raw, "Subject"),
        Created: new Date().toISOString(),
        Raw: raw,
      });
      messages.splice(MAX_MESSAGES);
      callback();
    });
  },
});

const api = http.createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (request.method === "GET" && url.pathname === "/api/v1/messages") {
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 50), 1000);
    const list = messages.slice(0, limit).map(({ Raw: _raw, ...summary }) => summary);
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ total: messages.length, messages: list }));
  } else if (request.method === "DELETE" && url.pathname === "/api/v1/messages") {
    messages.length = 0;
    response.writeHead(200).end();
  } else if (url.pathname === "/livez" || url.pathname === "/readyz") {
    response.writeHead(200).end("ok");
  } else {
    response.writeHead(404).end();
  }
});

smtp.listen(SMTP_PORT, "0.0.0.0", () => process.stdout.write(`smtp sink on :${SMTP_PORT}\n`));
api.listen(HTTP_PORT, "0.0.0.0", () => process.stdout.write(`smtp sink API on :${HTTP_PORT}\n`));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));

import { fileURLToPath } from "node:url";
import { startWebServer } from "./web-server.js";

const env = process.env;
const port = Number(env["HTTP_PORT"] ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  throw new Error(`HTTP_PORT must be a port, not ${env["HTTP_PORT"]}`);
function positiveNumber(name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, not ${env[name]}`);
  return value;
}
const gatewayUrl = (env["WEB_GATEWAY_URL"] ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
new URL(gatewayUrl);

void startWebServer({
  root: fileURLToPath(new URL("./public", import.meta.url)),
  config: {
    gatewayUrl,
    devSignIn: env["WEB_DEV_SIGN_IN"] !== "false",
    statusRefreshSeconds: positiveNumber("WEB_STATUS_REFRESH_SECONDS", 15),
  },
  ...(env["WEB_DEV_BANK_URL"] ? { devBankUrl: new URL(env["WEB_DEV_BANK_URL"]).href } : {}),
  host: env["HTTP_HOST"] ?? "0.0.0.0",
  port,
}).then(
  (app) => {
    process.stdout.write(
      `${JSON.stringify({ level: "info", service: "web", message: `serving on ${port}` })}\n`,
    );
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void app.close());
  },
  (error: unknown) => {
    process.stderr.write(`web server did not start: ${String(error)}\n`);
    process.exit(1);
  },
);

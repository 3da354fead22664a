import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/** `vite dev` answers /config.json as the static server does in production (WEB_GATEWAY_URL). */
const devConfig: Plugin = {
  name: "peakshop-dev-config",
  configureServer(server) {
    server.middlewares.use("/config.json", (_request, response) => {
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({
          gatewayUrl: process.env["WEB_GATEWAY_URL"] ?? "http://127.0.0.1:3000",
          devSignIn: true,
        }),
      );
    });
  },
};

// The browser build: the client package's TypeScript source (its
// @peakshop/source condition) bundles straight in, so the app never waits on
// another package's build. Output goes under dist/public, next to the static
// server that serves it (dist/main.js).
export default defineConfig({
  plugins: [react(), devConfig],
  resolve: { conditions: ["@peakshop/source"] },
  build: { outDir: "dist/public", emptyOutDir: true, sourcemap: true },
  server: { host: "127.0.0.1", port: 5173 },
});

// A resource reaper compatible with testcontainers' Ryuk protocol: clients send
// filter lines such as `label=org.testcontainers.session-id=<id>` over TCP and
// hold the connection open; once every client has gone for the reconnection
// timeout, everything matching the filters is removed and the reaper exits.
import http from "node:http";
import net from "node:net";
import os from "node:os";

const port = Number(process.env.RYUK_PORT ?? 8080);
const reconnectionTimeoutMs = parseDuration(process.env.RYUK_RECONNECTION_TIMEOUT ?? "10s");
const connectionTimeoutMs = parseDuration(process.env.RYUK_CONNECTION_TIMEOUT ?? "60s");
const verbose = process.env.RYUK_VERBOSE === "true";
const selfId = os.hostname();

const filterSets = new Map();
let connections = 0;
let everConnected = false;
let pruneTimer = setTimeout(pruneAndExit, connectionTimeoutMs);

function parseDuration(text) {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) throw new Error(`invalid duration: ${text}`);
  const factor = { ms: 1, s: 1000, m: 60_000 }[match[2] ?? "s"];
  return Number(match[1]) * factor;
}

function log(message, fields = {}) {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), message, ...fields })}\n`);
}

function toDockerFilters(line) {
  const filters = {};
  for (const [key, value] of new URLSearchParams(line)) {
    (filters[key] ??= []).push(value);
  }
  return filters;
}

function docker(method, path) {
  return new Promise((resolve, reject) => {
    const request = http.request({ socketPath: "/var/run/docker.sock", method, path }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        if ((response.statusCode ?? 500) >= 400 && response.statusCode !== 404) {
          reject(new Error(`${method} ${path}: ${response.statusCode} ${body}`));
        } else {
          resolve(body ? JSON.parse(body) : undefined);
        }
      });
    });
    request.on("error", reject);
    request.end();
  });
}

async function removeMatching(filters) {
  const query = encodeURIComponent(JSON.stringify(filters));
  const removed = { containers: 0, networks: 0, volumes: 0 };
  const containers = (await docker("GET", `/containers/json?all=true&filters=${query}`)) ?? [];
  for (const container of containers) {
    if (container.Id.startsWith(selfId)) continue;
    await docker("DELETE", `/containers/${container.Id}?force=true&v=true`).catch((error) =>
      log("remove failed", { error: String(error) }),
    );
    removed.containers += 1;
  }
  for (const network of (await docker("GET", `/networks?filters=${query}`)) ?? []) {
    await docker("DELETE", `/networks/${network.Id}`).catch((error) =>
      log("remove failed", { error: String(error) }),
    );
    removed.networks += 1;
  }
  const volumes = (await docker("GET", `/volumes?filters=${query}`))?.Volumes ?? [];
  for (const volume of volumes) {
    await docker("DELETE", `/volumes/${volume.Name}?force=true`).catch((error) =>
      log("remove failed", { error: String(error) }),
    );
    removed.volumes += 1;
  }
  return removed;
}

async function pruneAndExit() {
  for (const [line, filters] of filterSets) {
    const removed = await removeMatching(filters).catch((error) => ({ error: String(error) }));
    log(`Removed ${JSON.stringify(removed)}`, { filter: line });
  }
  log("Pruned; exiting");
  process.exit(0);
}

const server = net.createServer((socket) => {
  connections += 1;
  everConnected = true;
  clearTimeout(pruneTimer);
  if (verbose) log("client connected", { connections });
  let buffered = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (!line) continue;
      filterSets.set(line, toDockerFilters(line));
      if (verbose) log("filter added", { line });
      socket.write("ACK\n");
    }
  });
  socket.on("error", () => undefined);
  socket.on("close", () => {
    connections -= 1;
    if (verbose) log("client disconnected", { connections });
    if (connections === 0 && everConnected) {
      pruneTimer = setTimeout(pruneAndExit, reconnectionTimeoutMs);
    }
  });
});

server.listen(port, () => log(`Started; listening on :${port}`));

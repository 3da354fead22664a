#!/usr/bin/env bash
# Runs every test: typecheck, lint and unit tests, then integration and
# end-to-end tests against real Kafka and PostgreSQL (testcontainers). Ends with
# one line "N passed, N failed" summing every test that ran.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/setup.sh"
setup_all
cd "$root"

rm -rf apps/*/reports packages/*/reports
status=0
log "build, typecheck, lint, format and unit tests"
pnpm exec prettier --check . >/dev/null || { log "formatting differs: run pnpm format"; status=1; }
pnpm turbo run build typecheck lint test:unit --continue --output-logs=errors-only || status=1
# After the build: imports of workspace packages resolve through their built type declarations.
pnpm run -s lint:layers || { log "an import breaks the layering (.dependency-cruiser.cjs)"; status=1; }
log "integration and end-to-end tests (real Kafka and PostgreSQL)"
pnpm turbo run test:int test:e2e --concurrency=1 --continue --output-logs=full || status=1
node scripts/test-summary.mjs || status=1
exit $status

#!/usr/bin/env bash
# Prepares this machine for peakshop, installing only what is missing: a Node.js
# LTS and pnpm, the Docker engine, the container images, helm (the Kubernetes
# chart's tests need it), schemathesis (the gateway's contract fuzzing), Debian's
# chromium (the web app's browser tests), and the
# dependencies from the lockfile. Safe to run
# again; the run and test commands call it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/toolchain.sh
source "$root/scripts/lib/toolchain.sh"
# shellcheck source=lib/docker.sh
source "$root/scripts/lib/docker.sh"
# shellcheck source=lib/images.sh
source "$root/scripts/lib/images.sh"
# shellcheck source=lib/helm.sh
source "$root/scripts/lib/helm.sh"
# shellcheck source=lib/schemathesis.sh
source "$root/scripts/lib/schemathesis.sh"
# shellcheck source=lib/browser.sh
source "$root/scripts/lib/browser.sh"

setup_all() {
  ensure_toolchain
  ensure_docker
  ensure_network_fault_tools
  ensure_images "$root"
  ensure_helm
  ensure_schemathesis "$root"
  ensure_browser
  log "installing dependencies from the lockfile"
  (cd "$root" && pnpm install --frozen-lockfile --reporter=append-only >/dev/null)
}

# Sourced by test.sh and up.sh, which keep the exported PATH and image names.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then setup_all; fi

# Sourced by the setup scripts. Makes sure a Docker engine answers, installing
# Debian's docker.io and starting dockerd when none runs (CI machines start bare).
# shellcheck shell=bash

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ ! -f /tmp/.peakshop-apt-updated ]; then
    as_root apt-get update -q >/dev/null 2>&1 && touch /tmp/.peakshop-apt-updated
  fi
  as_root apt-get install -y -q "$@" >/dev/null 2>&1
}

docker_answers() { timeout 10 docker info >/dev/null 2>&1; }

ensure_docker() {
  if docker_answers; then return 0; fi
  if ! command -v dockerd >/dev/null; then
    log "installing the Docker engine (Debian package docker.io)"
    apt_install docker.io || die "could not install docker.io"
  fi
  if ! docker_answers; then
    log "starting dockerd (log: /tmp/peakshop-dockerd.log)"
    as_root sh -c 'nohup dockerd >/tmp/peakshop-dockerd.log 2>&1 &'
    local i
    for i in $(seq 1 60); do
      docker_answers && break
      sleep 1
    done
  fi
  docker_answers || die "the Docker engine did not answer within 60s; see /tmp/peakshop-dockerd.log"
  log "docker engine $(docker version --format '{{.Server.Version}}')"
}

# `docker compose` (v2 plugin) where present, else Debian's docker-compose.
compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose "$@"
  else
    if ! command -v docker-compose >/dev/null; then
      log "installing docker-compose (Debian package)"
      apt_install docker-compose || die "could not install docker-compose"
    fi
    docker-compose "$@"
  fi
}

# The fault campaign (`pnpm chaos`) and its test break the wire between a
# container and its peers from inside the container's network namespace:
# nsenter (util-linux), tc (iproute2) and iptables, run as root.
ensure_network_fault_tools() {
  local missing=()
  command -v nsenter >/dev/null || missing+=(util-linux)
  command -v tc >/dev/null || missing+=(iproute2)
  command -v iptables >/dev/null || missing+=(iptables)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} (Debian packages) for network faults"
  apt_install "${missing[@]}" || die "could not install ${missing[*]}"
}

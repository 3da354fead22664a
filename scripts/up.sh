#!/usr/bin/env bash
# Brings the whole system up on this machine: sets up what is missing, builds
# the service images, starts everything with docker compose, waits until every
# container is healthy (bounded), and prints where things are.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/setup.sh"
setup_all
cd "$root"
export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-peakshop}"
timeout_s="${PEAKSHOP_UP_TIMEOUT_SECONDS:-300}"

# PEAKSHOP_SCALE="order=2 inventory=2 payment=2" runs replicas (they share
# their consumer group's partitions). Each replica publishes its port on the
# host, so a scaled service needs a port range, e.g. PEAKSHOP_ORDER_PORT=3101-3102.
scale_args=()
for item in ${PEAKSHOP_SCALE:-}; do
  service="${item%%=*}"
  port_var="PEAKSHOP_$(tr 'a-z-' 'A-Z_' <<<"$service")_PORT"
  if [ "${item#*=}" -gt 1 ] && [[ "${!port_var:-}" != *-* ]]; then
    log "$service=${item#*=} needs a host port range per replica: set $port_var (e.g. 3101-3102)"
    exit 1
  fi
  scale_args+=(--scale "$item")
done

# PEAKSHOP_TRACING=1 also starts the trace viewer and sends the services'
# spans to it (OpenTelemetry, off otherwise).
if [ "${PEAKSHOP_TRACING:-0}" = 1 ]; then
  # Where setup built local images, the viewer is built the same way.
  if [ -f "$root/.peakshop/images.env" ]; then
    bash "$root/infra/images/build.sh" zipkin
    PEAKSHOP_ZIPKIN_IMAGE="$(sed -n 's/^PEAKSHOP_ZIPKIN_IMAGE=//p' "$root/.peakshop/images.env")"
    export PEAKSHOP_ZIPKIN_IMAGE
  fi
  export COMPOSE_PROFILES=tracing PEAKSHOP_TRACES_EXPORTER="${PEAKSHOP_TRACES_EXPORTER:-zipkin}"
fi

log "building service images"
compose build --quiet
log "starting containers"
# docker-compose 1.x gives up on a dependent service when a dependency is
# briefly unhealthy (e.g. restarting while topics are created); the restart
# policies heal that, so try again a bounded number of times.
for attempt in 1 2 3; do
  compose up -d --remove-orphans "${scale_args[@]}" && break
  [ "$attempt" -lt 3 ] || { log "containers did not start"; compose ps; exit 1; }
  log "some containers were not ready yet; retrying ($attempt/3)"
  sleep 10
done

deadline=$((SECONDS + timeout_s))
while :; do
  unhealthy=()
  for id in $(compose ps -q); do
    state=$(docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id")
    # Containers without a health check (the mail sink) count once running.
    [ "$state" = healthy ] || [ "$state" = running ] || unhealthy+=("$(docker inspect --format '{{.Name}}' "$id")=$state")
  done
  [ ${#unhealthy[@]} -eq 0 ] && break
  if [ $SECONDS -ge $deadline ]; then
    log "not healthy after ${timeout_s}s: ${unhealthy[*]}"
    compose ps
    exit 1
  fi
  sleep 3
done

cat <<INFO
[peakshop] all services healthy (each serves /health/ready and /metrics)
  web             http://127.0.0.1:${PEAKSHOP_WEB_PORT:-8080}   (the storefront; /status is the public status page, /console the operator console)
  gateway         http://127.0.0.1:${PEAKSHOP_GATEWAY_PORT:-3000}   (the public API; POST /v1/auth/dev-token for a token)
  cart            http://127.0.0.1:${PEAKSHOP_CART_PORT:-3002}
  order           http://127.0.0.1:${PEAKSHOP_ORDER_PORT:-3001}
  inventory       http://127.0.0.1:${PEAKSHOP_INVENTORY_PORT:-3003}
  payment         http://127.0.0.1:${PEAKSHOP_PAYMENT_PORT:-3004}
  notification    http://127.0.0.1:${PEAKSHOP_NOTIFICATION_PORT:-3005}
  bank simulator  http://127.0.0.1:${PEAKSHOP_BANK_SIMULATOR_PORT:-4000}   (PUT /v1/faults to make it fail)
  mail (SMTP sink) http://127.0.0.1:${PEAKSHOP_MAIL_UI_PORT:-8025}/api/v1/messages
  kafka           127.0.0.1:${PEAKSHOP_KAFKA_PORT:-9092}
  postgres        postgres://peakshop:***@127.0.0.1:${PEAKSHOP_POSTGRES_PORT:-5432}/peakshop
  traces          $([ "${PEAKSHOP_TRACING:-0}" = 1 ] && echo "http://127.0.0.1:${PEAKSHOP_ZIPKIN_PORT:-9411}   (Zipkin: one trace per checkout)" || echo "off (PEAKSHOP_TRACING=1 bash scripts/up.sh starts the viewer)")
  logs            docker compose logs -f   (or docker-compose)
  stop            bash scripts/down.sh
INFO

# Sourced by the setup scripts. Decides which images this machine uses and
# exports their names: variables already set win; otherwise the official images
# if they are present or can be pulled; otherwise local equivalents built by
# infra/images/build.sh (machines without a registry, such as CI here).
# shellcheck shell=bash

export_image_names() { # file
  local line
  while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    local name="${line%%=*}"
    [ -n "${!name:-}" ] || export "$line"
  done <"$1"
}

official_images_available() {
  local image
  for image in "$PEAKSHOP_POSTGRES_IMAGE" "$PEAKSHOP_KAFKA_IMAGE" "$PEAKSHOP_NODE_IMAGE"; do
    docker image inspect "$image" >/dev/null 2>&1 && continue
    timeout 60 docker pull -q "$image" >/dev/null 2>&1 || return 1
  done
}

ensure_build_prerequisites() {
  local missing=()
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v mvn >/dev/null || missing+=(maven)
  [ ${#missing[@]} -eq 0 ] || { log "installing ${missing[*]} (Debian packages)"; apt_install "${missing[@]}"; }
}

ensure_images() {
  local root="$1" source="${PEAKSHOP_IMAGE_SOURCE:-auto}"
  if [ "$source" = auto ] && [ ! -f "$root/.peakshop/images.env" ]; then
    (export_image_names "$root/infra/images/images.env" && official_images_available) && source=official || source=local
  elif [ "$source" = auto ]; then
    source=local
  fi
  if [ "$source" = local ]; then
    ensure_build_prerequisites
    bash "$root/infra/images/build.sh"
    export_image_names "$root/.peakshop/images.env"
  fi
  export_image_names "$root/infra/images/images.env"
  export RYUK_CONTAINER_IMAGE="${RYUK_CONTAINER_IMAGE:-$PEAKSHOP_REAPER_IMAGE}"
  log "images ($source): postgres=$PEAKSHOP_POSTGRES_IMAGE kafka=$PEAKSHOP_KAFKA_IMAGE node=$PEAKSHOP_NODE_IMAGE"
}

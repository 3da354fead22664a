#!/usr/bin/env bash
# Builds a minimal Debian root filesystem with debootstrap and imports it as an
# image: the one base image that needs no registry.
set -euo pipefail
image="$1" suite="$2" mirror="$3"
work=$(mktemp -d /tmp/peakshop-rootfs.XXXXXX)
trap 'rm -rf "$work"' EXIT
command -v debootstrap >/dev/null || { echo "debootstrap is missing" >&2; exit 1; }
debootstrap --variant=minbase --include=ca-certificates "$suite" "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
# Trust the certificate authorities this machine trusts locally (for example a
# TLS-inspecting proxy's), so package installs inside the images work here too.
ca_dir="${PEAKSHOP_EXTRA_CA_DIR:-/usr/local/share/ca-certificates}"
if compgen -G "$ca_dir/*.crt" >/dev/null; then
  cp "$ca_dir"/*.crt "$work/rootfs/usr/local/share/ca-certificates/"
  chroot "$work/rootfs" update-ca-certificates >/dev/null
fi
# Keep images small: no docs, no man pages, no apt caches inside later layers.
cat >"$work/rootfs/etc/dpkg/dpkg.cfg.d/01-peakshop-nodoc" <<'CFG'
path-exclude=/usr/share/doc/*
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
CFG
echo 'APT::Install-Recommends "false";' >"$work/rootfs/etc/apt/apt.conf.d/01-peakshop-norecommends"
rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
tar -C "$work/rootfs" -c . | docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["bash"]' \
  --change "LABEL org.peakshop.inputs-hash=$4" \
  - "$image" >/dev/null

# Sourced by the setup scripts (after toolchain.sh, for log/die). Puts the pinned
# schemathesis (`st`) on PATH: the gateway's contract-fuzzing test runs it
# against /openapi.json. Installed from PyPI into a virtualenv of its own, with
# every dependency pinned in infra/tools/schemathesis-requirements.txt.
# shellcheck shell=bash

PEAKSHOP_SCHEMATHESIS_VERSION="${PEAKSHOP_SCHEMATHESIS_VERSION:-4.32.5}"
PEAKSHOP_TOOLS_DIR="${PEAKSHOP_TOOLS_DIR:-$HOME/.cache/peakshop/tools}"

if ! declare -F apt_install >/dev/null; then
  # shellcheck source=docker.sh
  source "$(dirname "${BASH_SOURCE[0]}")/docker.sh"
fi

schemathesis_is_pinned() { [ "$("$1" --version 2>/dev/null)" = "st, version $PEAKSHOP_SCHEMATHESIS_VERSION" ]; }

ensure_python_venv() {
  command -v python3 >/dev/null && python3 -m venv --help >/dev/null 2>&1 && return 0
  log "installing Python 3 with venv (Debian packages python3, python3-venv) for schemathesis"
  apt_install python3 python3-venv || die "could not install python3-venv"
}

ensure_schemathesis() {
  local root="$1" dir="$PEAKSHOP_TOOLS_DIR/schemathesis-$PEAKSHOP_SCHEMATHESIS_VERSION"
  if ! schemathesis_is_pinned "$dir/bin/st"; then
    ensure_python_venv
    log "installing schemathesis $PEAKSHOP_SCHEMATHESIS_VERSION from PyPI into $dir"
    rm -rf "$dir"
    # Into a scratch directory first, moved into place only once complete, so an
    # interrupted install is not mistaken for a finished one.
    python3 -m venv "$dir.partial" \
      && "$dir.partial/bin/pip" install --quiet --disable-pip-version-check \
        -r "$root/infra/tools/schemathesis-requirements.txt" \
      || { rm -rf "$dir.partial"; die "could not install schemathesis from PyPI"; }
    mv "$dir.partial" "$dir"
    schemathesis_is_pinned "$dir/bin/st" || die "the schemathesis just installed does not report $PEAKSHOP_SCHEMATHESIS_VERSION"
  fi
  export PEAKSHOP_SCHEMATHESIS="$dir/bin/st"
  log "schemathesis $PEAKSHOP_SCHEMATHESIS_VERSION"
}

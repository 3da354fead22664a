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

# A virtualenv cannot be moved (its scripts name their interpreter's path), so
# it is built in place and marked complete last: a run cut off half-way leaves
# no mark, and the next run starts over.
schemathesis_is_pinned() {
  [ -f "$1/.peakshop-complete" ] && [ "$("$1/bin/st" --version 2>/dev/null)" = "st, version $PEAKSHOP_SCHEMATHESIS_VERSION" ]
}

ensure_python_venv() {
  # venv needs ensurepip, which Debian ships apart (python3-venv).
  command -v python3 >/dev/null && python3 -c "import ensurepip, venv" >/dev/null 2>&1 && return 0
  log "installing Python 3 with venv (Debian packages python3, python3-venv) for schemathesis"
  apt_install python3 python3-venv || die "could not install python3-venv"
}

ensure_schemathesis() {
  local root="$1" dir="$PEAKSHOP_TOOLS_DIR/schemathesis-$PEAKSHOP_SCHEMATHESIS_VERSION"
  if ! schemathesis_is_pinned "$dir"; then
    ensure_python_venv
    log "installing schemathesis $PEAKSHOP_SCHEMATHESIS_VERSION from PyPI into $dir"
    rm -rf "$dir"
    python3 -m venv "$dir" \
      && "$dir/bin/pip" install --quiet --disable-pip-version-check \
        -r "$root/infra/tools/schemathesis-requirements.txt" \
      || { rm -rf "$dir"; die "could not install schemathesis from PyPI"; }
    touch "$dir/.peakshop-complete"
    schemathesis_is_pinned "$dir" || die "the schemathesis just installed does not report $PEAKSHOP_SCHEMATHESIS_VERSION"
  fi
  export PEAKSHOP_SCHEMATHESIS="$dir/bin/st"
  log "schemathesis $PEAKSHOP_SCHEMATHESIS_VERSION"
}

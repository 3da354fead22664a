# Debian's chromium for the web app's browser tests (driven by playwright-core):
# a distribution package, so nothing downloads a browser build.
ensure_browser() {
  local path="${PEAKSHOP_CHROMIUM:-/usr/bin/chromium}"
  if [ -x "$path" ]; then
    export PEAKSHOP_CHROMIUM="$path"
    return 0
  fi
  log "installing chromium (Debian package) for the browser tests"
  apt_install chromium fonts-dejavu-core || die "could not install chromium"
  export PEAKSHOP_CHROMIUM=/usr/bin/chromium
}

# Sourced by the setup scripts (after toolchain.sh, for log/die). Puts the pinned
# helm on PATH, building it with `go install` from the Go module proxy when the
# machine lacks it: the proxy is reachable where GitHub's release downloads are
# not, and a static build (CGO_ENABLED=0) needs no C toolchain.
# shellcheck shell=bash

PEAKSHOP_HELM_VERSION="${PEAKSHOP_HELM_VERSION:-3.19.5}"
PEAKSHOP_TOOLS_DIR="${PEAKSHOP_TOOLS_DIR:-$HOME/.cache/peakshop/tools}"

# docker.sh holds the root/apt helpers; scripts that source only this file need them too.
if ! declare -F apt_install >/dev/null; then
  # shellcheck source=docker.sh
  source "$(dirname "${BASH_SOURCE[0]}")/docker.sh"
fi

ensure_go() {
  command -v go >/dev/null && return 0
  # Debian's go lives under /usr/lib/go-*/bin, linked into /usr/bin by golang-go.
  log "installing Go (Debian package golang-go) to build helm"
  apt_install golang-go || die "could not install golang-go"
  command -v go >/dev/null || die "golang-go installed but go is not on PATH"
}

# Helm's Makefile stamps the version and the default Kubernetes version (the
# client-go minor it builds with) into the binary; a plain `go install` would
# leave v1.20 there, and `helm template` would then refuse charts whose
# kubeVersion asks for a newer cluster.
helm_ldflags() {
  local gomod minor
  gomod=$(go mod download -json "helm.sh/helm/v3@v$PEAKSHOP_HELM_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  minor=$(sed -n 's|^[[:space:]]*k8s.io/client-go v0\.\([0-9]*\)\..*|\1|p' "$gomod")
  [ -n "$minor" ] || die "could not read helm v$PEAKSHOP_HELM_VERSION's client-go version from $gomod"
  local flags="-s -w -X helm.sh/helm/v3/internal/version.version=v$PEAKSHOP_HELM_VERSION" pkg
  for pkg in pkg/chartutil pkg/lint/rules; do
    flags+=" -X helm.sh/helm/v3/$pkg.k8sVersionMajor=1 -X helm.sh/helm/v3/$pkg.k8sVersionMinor=$minor"
  done
  printf '%s' "$flags"
}

helm_is_pinned() { [ "$("$1" version --template '{{.Version}}' 2>/dev/null)" = "v$PEAKSHOP_HELM_VERSION" ]; }

ensure_helm() {
  local dir="$PEAKSHOP_TOOLS_DIR/helm-$PEAKSHOP_HELM_VERSION"
  if ! helm_is_pinned "$dir/helm"; then
    ensure_go
    log "building helm v$PEAKSHOP_HELM_VERSION with $(go version | cut -d' ' -f3) into $dir (a minute or two the first time)"
    mkdir -p "$dir"
    local started=$SECONDS ldflags
    ldflags=$(helm_ldflags) || exit 1
    # go install writes the binary only once the build succeeded, so a failed
    # or interrupted build leaves nothing behind and the next run tries again.
    CGO_ENABLED=0 GOBIN="$dir" go install -trimpath -ldflags "$ldflags" \
      "helm.sh/helm/v3/cmd/helm@v$PEAKSHOP_HELM_VERSION" \
      || die "could not build helm v$PEAKSHOP_HELM_VERSION from the Go module proxy"
    helm_is_pinned "$dir/helm" || die "the helm just built does not report v$PEAKSHOP_HELM_VERSION"
    log "built helm in $((SECONDS - started))s"
  fi
  export PATH="$dir:$PATH"
  log "helm $(helm version --short)"
}

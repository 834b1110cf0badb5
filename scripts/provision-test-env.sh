#!/usr/bin/env bash
# Provisions the offline test environment on a Debian bookworm machine (java-maven kind), idempotently:
#   - etcd (Debian etcd-server)
#   - kube-apiserver + kubectl built from Debian's `kubernetes` source package, cached where fabric8
#     kube-api-test looks for them: ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s/<version>-linux-amd64/
#   - a check that moto_server is on the PATH
#   - shellcheck (Debian shellcheck), with which scripts/test.sh lints the scripts
# A second run finds everything in place and changes nothing. The machine's own apt source lists are never
# edited: the deb-src entry lives in a private list under the cache directory.
set -euo pipefail

K8S_VERSION="${FIDELIUS_K8S_VERSION:-1.20.2}"
KUBE_API_TEST_DIR="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}"
BIN_DIR="$KUBE_API_TEST_DIR/k8s/${K8S_VERSION}-linux-amd64"
CACHE_DIR="${FIDELIUS_CACHE_DIR:-$HOME/.cache/fidelius-operator}"
DEBIAN_MIRROR="${FIDELIUS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# Bumped whenever the build recipe changes, so that binaries from an older recipe are rebuilt.
BUILD_RECIPE=2

log() { printf '[provision] %s\n' "$*" >&2; }
die() { printf '[provision] ERROR: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    $SUDO apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

binary_works() { [ -x "$1" ] && "$1" "${@:2}" >/dev/null 2>&1; }

# --- etcd -------------------------------------------------------------------------------------------------
provision_etcd() {
  if ! command -v etcd >/dev/null 2>&1; then
    apt_install etcd-server
  fi
  mkdir -p "$BIN_DIR"
  # kube-api-test expects etcd beside kube-apiserver; a link keeps the Debian package as the source of truth.
  if [ ! -e "$BIN_DIR/etcd" ]; then ln -sf "$(command -v etcd)" "$BIN_DIR/etcd"; fi
  binary_works "$BIN_DIR/etcd" --version || die "etcd at $BIN_DIR/etcd does not run"
}

# --- kube-apiserver + kubectl from Debian's kubernetes source package ----------------------------------------
provision_kubernetes() {
  if binary_works "$BIN_DIR/kube-apiserver" --version && binary_works "$BIN_DIR/kubectl" version --client \
    && [ "$(cat "$BIN_DIR/.build-recipe" 2>/dev/null)" = "$BUILD_RECIPE" ]; then
    log "kube-apiserver and kubectl ${K8S_VERSION} already in $BIN_DIR"
    return 0
  fi
  apt_install golang-go rsync make dpkg-dev ca-certificates golang-github-modern-go-reflect2-dev

  local apt_dir="$CACHE_DIR/apt" src_dir="$CACHE_DIR/src"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$src_dir"
  printf 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s bookworm main\n' \
    "$DEBIAN_MIRROR" >"$apt_dir/sources.list"
  local apt_opts=(
    -o "APT::Sandbox::User=root"
    -o "Dir::Etc::SourceList=$apt_dir/sources.list"
    -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
    -o "Dir::State::Lists=$apt_dir/lists"
    -o "Dir::Cache::Archives=$apt_dir/archives"
  )
  mkdir -p "$apt_dir/sources.list.d"

  local orig
  orig=$(find "$src_dir" -maxdepth 1 -name 'kubernetes_*.orig.tar.*' -print -quit)
  if [ -z "$orig" ]; then
    log "fetching Debian's kubernetes source package (private deb-src list in $apt_dir)"
    apt-get "${apt_opts[@]}" update -qq >/dev/null
    (cd "$src_dir" && apt-get "${apt_opts[@]}" source --download-only kubernetes >/dev/null)
    orig=$(find "$src_dir" -maxdepth 1 -name 'kubernetes_*.orig.tar.*' -print -quit)
    [ -n "$orig" ] || die "apt-get source kubernetes brought no .orig tarball into $src_dir"
  fi

  local tree="$src_dir/tree"
  if [ ! -f "$tree/Makefile" ]; then
    log "unpacking $(basename "$orig")"
    rm -rf "$tree" && mkdir -p "$tree"
    tar -xf "$orig" -C "$tree" --strip-components=1
  fi

  # Kubernetes 1.20 vendors modern-go/reflect2 1.0.1, whose unsafe map iteration segfaults when built with
  # Go >= 1.18 (bookworm ships 1.19): the API server dies encoding the metadata of the first custom resource
  # it stores. reflect2 1.0.2 fixes exactly that and keeps the API; Debian packages it.
  local reflect2=/usr/share/gocode/src/github.com/modern-go/reflect2
  [ -f "$reflect2/reflect2.go" ] || die "golang-github-modern-go-reflect2-dev is not installed at $reflect2"
  rsync -a --delete --exclude '*_test.go' --exclude 'test*' "$reflect2/" "$tree/vendor/github.com/modern-go/reflect2/"

  # The Kubernetes 1.20 build insists on living at $GOPATH/src/k8s.io/kubernetes.
  local gopath="$src_dir/.go"
  mkdir -p "$gopath/src/k8s.io"
  ln -sfn "$tree" "$gopath/src/k8s.io/kubernetes"
  log "building kube-apiserver and kubectl (a few minutes on 2 cores)"
  (cd "$gopath/src/k8s.io/kubernetes" &&
    GOPATH="$gopath" GOFLAGS=-mod=vendor GO111MODULE=off CGO_ENABLED=0 GOCACHE="$src_dir/.gocache" \
      KUBE_GIT_VERSION="v${K8S_VERSION}" KUBE_GIT_TREE_STATE=clean \
      make WHAT="cmd/kube-apiserver cmd/kubectl" >"$src_dir/build.log" 2>&1) ||
    { tail -n 40 "$src_dir/build.log" >&2; die "kube-apiserver build failed (full log: $src_dir/build.log)"; }

  local out
  out=$(find "$tree/_output" -type f -name kube-apiserver -perm -u+x | head -n1)
  [ -n "$out" ] || die "build finished but no kube-apiserver binary under $tree/_output"
  mkdir -p "$BIN_DIR"
  install -m 0755 "$out" "$BIN_DIR/kube-apiserver"
  install -m 0755 "$(dirname "$out")/kubectl" "$BIN_DIR/kubectl"
  binary_works "$BIN_DIR/kube-apiserver" --version || die "built kube-apiserver does not run"
  echo "$BUILD_RECIPE" >"$BIN_DIR/.build-recipe"
  log "installed $("$BIN_DIR/kube-apiserver" --version) into $BIN_DIR"
  # The source tree and Go cache are large and only needed to rebuild; keep the tarball, drop the rest.
  rm -rf "$tree" "$gopath" "$src_dir/.gocache"
}

# --- moto_server ---------------------------------------------------------------------------------------------
check_moto() {
  if command -v moto_server >/dev/null 2>&1; then
    log "moto_server found at $(command -v moto_server)"
  elif python3 -c 'import moto.server' >/dev/null 2>&1; then
    log "moto found in python3 (tests run it as: python3 -m moto.server)"
  else
    die "moto_server is not on the PATH. Install it with: pip install \"moto[server]\" (Python 3.9+)"
  fi
}

# --- shellcheck ----------------------------------------------------------------------------------------------
provision_shellcheck() {
  command -v shellcheck >/dev/null 2>&1 || apt_install shellcheck
}

main() {
  local start=$SECONDS
  provision_etcd
  provision_kubernetes
  check_moto
  provision_shellcheck
  log "test environment ready in $((SECONDS - start)) s: $BIN_DIR"
}

main "$@"

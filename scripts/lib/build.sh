# shellcheck shell=bash
# Release build of the web app into dist/ (trunk runs offline, see Trunk.toml).
# shellcheck source=scripts/lib/install.sh
. "$(dirname "${BASH_SOURCE[0]}")/install.sh"

build_release() {
  tools_path
  (
    cd "$GATEWATCH_ROOT" || exit 1
    log "cargo fetch"
    cargo fetch
    log "trunk build --release"
    TRUNK_SKIP_VERSION_CHECK=true trunk build --release
  )
  [ -f "$GATEWATCH_ROOT/dist/index.html" ] || die "trunk build produced no dist/index.html"
}

# shellcheck shell=bash
# Release build of the web app into dist/ (trunk runs offline, see Trunk.toml).
# shellcheck source=scripts/lib/install.sh
. "$(dirname "${BASH_SOURCE[0]}")/install.sh"

build_release() {
  tools_path
  (
    cd "$GATEWATCH_ROOT" || exit 1
    # shellcheck source=scripts/lib/size_flags.sh
    . "$GATEWATCH_ROOT/scripts/lib/size_flags.sh"
    log "cargo fetch (the crate's and std's dependencies: trunk builds offline)"
    cargo fetch --target wasm32-unknown-unknown
    log "trunk build --release"
    TRUNK_SKIP_VERSION_CHECK=true trunk build --release
  )
  [ -f "$GATEWATCH_ROOT/dist/index.html" ] || die "trunk build produced no dist/index.html"
  # trunk inlines its wasm loader as <script type="module">; the console's CSP allows no inline
  # scripts (docs/security.md): move it to a hashed file.
  perl "$GATEWATCH_ROOT/scripts/lib/externalize_loader.pl" "$GATEWATCH_ROOT/dist" ||
    die "could not move trunk's inline loader out of dist/index.html"
  # wasm-streams' JS classes, which Leptos links and the console never uses, out of both files.
  python3 "$GATEWATCH_ROOT/scripts/lib/drop_stream_classes.py" "$GATEWATCH_ROOT/dist" ||
    die "could not drop the unused stream classes"
  # Similar functions side by side, for gzip's 32 KB window (the wasm's integrity is updated).
  python3 "$GATEWATCH_ROOT/scripts/lib/order_wasm_functions.py" "$GATEWATCH_ROOT/dist" ||
    die "could not reorder the wasm's functions"
  # Short names for the wasm's imports from its JS glue, in both (and both integrities).
  python3 "$GATEWATCH_ROOT/scripts/lib/shorten_imports.py" "$GATEWATCH_ROOT/dist" ||
    die "could not shorten the wasm's import names"
  # The glue minified (after shorten_imports, which reads it as wasm-bindgen writes it).
  python3 "$GATEWATCH_ROOT/scripts/lib/minify_glue.py" "$GATEWATCH_ROOT/dist" ||
    die "could not minify the JS glue"
  # Precompressed copies for nginx's gzip_static (deploy/nginx/gatewatch.conf.template).
  "$GATEWATCH_ROOT/scripts/lib/precompress.sh" "$GATEWATCH_ROOT/dist"
}

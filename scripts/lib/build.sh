# shellcheck shell=bash
# The release build of the web app into dist/: `trunk build --release`, as a Leptos user runs it
# (Trunk.toml: offline; index.html: wasm-opt -Oz; Cargo.toml's release profile), then the JS glue
# minified by terser and precompressed copies for nginx.
# shellcheck source=scripts/lib/install.sh
. "$(dirname "${BASH_SOURCE[0]}")/install.sh"

# build_release [DIST]: into DIST (default dist/), both documents of the console
# (gatewatch_core::page::Document): index.html, the first load (Groups and Charts), and
# all-views.html, every view (the all-views cargo feature, which that file asks trunk for). trunk
# builds one document per run and replaces its --dist, so the second is built beside and merged
# (hashed names: nothing collides; the css and favicon are the same files).
build_release() {
  local dist=${1:-$GATEWATCH_ROOT/dist} html stage
  tools_path
  (cd "$GATEWATCH_ROOT" && log "cargo fetch (trunk builds offline)" &&
    cargo fetch --target wasm32-unknown-unknown) || return 1
  stage=$(mktemp -d "${TMPDIR:-/tmp}/gatewatch-build.XXXXXX") || return 1
  for html in index.html all-views.html; do
    log "trunk build --release $html"
    (cd "$GATEWATCH_ROOT" &&
      TRUNK_SKIP_VERSION_CHECK=true trunk build "$html" --release --html-output "$html" --dist "$stage/$html") ||
      { rm -rf "$stage"; return 1; }
    [ -f "$stage/$html/$html" ] || die "trunk build produced no $html"
    # The glue minified (trunk's own minifier cannot parse it); its integrity in the html updated.
    python3 "$GATEWATCH_ROOT/scripts/lib/minify_glue.py" "$stage/$html" ||
      die "could not minify the JS glue of $html"
  done
  rm -rf "$dist" && mkdir -p "$dist" && cp -p "$stage"/index.html/* "$dist"/ || die "could not fill $dist"
  for file in "$stage"/all-views.html/*; do
    # The css and favicon are in both, under the same hashed name: the same file.
    if [ -e "$dist/${file##*/}" ]; then
      cmp -s "$file" "$dist/${file##*/}" || die "both documents have a different ${file##*/}"
    else
      cp -p "$file" "$dist"/ || die "could not fill $dist"
    fi
  done
  rm -rf "$stage"
  # trunk's inline loaders run under the CSP by their hashes (scripts/lib/loader_csp.py, read by
  # whoever renders the nginx config): check here that the documents have nothing a hash cannot allow.
  python3 "$GATEWATCH_ROOT/scripts/lib/loader_csp.py" "$dist" >/dev/null ||
    die "$dist's documents cannot run under the console's CSP"
  # Precompressed copies for nginx's gzip_static (deploy/nginx/gatewatch.conf.template).
  "$GATEWATCH_ROOT/scripts/lib/precompress.sh" "$dist"
}

# The size budget (bench/NOTES.md §1): what index.html loads (html + js + wasm + css, each file
# gzip -9), at most BUNDLE_BUDGET_KB KB of 1,024 bytes; all-views.html's load is reported beside
# it (scripts/lib/bundle_size.py). A guard rail against bloat, not a target. scripts/test's build
# level fails past it; scripts/bench reports the same sums against the same budget.
BUNDLE_BUDGET_KB=500
check_bundle_size() {
  python3 "$GATEWATCH_ROOT/scripts/lib/bundle_size.py" "${1:-$GATEWATCH_ROOT/dist}" "$BUNDLE_BUDGET_KB" ||
    die "check_bundle_size failed"
}

# shellcheck shell=bash
# The release build of the web app into dist/: `trunk build --release`, as a Leptos user runs it
# (Trunk.toml: offline; index.html: wasm-opt -Oz; Cargo.toml's release profile), then the JS glue
# minified by terser and precompressed copies for nginx.
# shellcheck source=scripts/lib/install.sh
. "$(dirname "${BASH_SOURCE[0]}")/install.sh"

# build_release [DIST]: into DIST (default dist/). TRUNK_BUILD_FEATURES, trunk's own variable,
# adds cargo features (the e2e-job level builds the job-page feature this way).
build_release() {
  local dist=${1:-$GATEWATCH_ROOT/dist}
  tools_path
  (
    cd "$GATEWATCH_ROOT" || exit 1
    log "cargo fetch (trunk builds offline)"
    cargo fetch --target wasm32-unknown-unknown
    log "trunk build --release${TRUNK_BUILD_FEATURES:+ --features $TRUNK_BUILD_FEATURES}"
    TRUNK_SKIP_VERSION_CHECK=true trunk build --release --dist "$dist"
  )
  [ -f "$dist/index.html" ] || die "trunk build produced no $dist/index.html"
  # The glue minified (trunk's own minifier cannot parse it); its integrity in index.html updated.
  python3 "$GATEWATCH_ROOT/scripts/lib/minify_glue.py" "$dist" ||
    die "could not minify the JS glue"
  # trunk's inline loader runs under the CSP by its hash (scripts/lib/loader_csp.py, read by
  # whoever renders the nginx config): check here that index.html has nothing a hash cannot allow.
  python3 "$GATEWATCH_ROOT/scripts/lib/loader_csp.py" "$dist" >/dev/null ||
    die "$dist/index.html cannot run under the console's CSP"
  # Precompressed copies for nginx's gzip_static (deploy/nginx/gatewatch.conf.template).
  "$GATEWATCH_ROOT/scripts/lib/precompress.sh" "$dist"
}

# The size budget (bench/NOTES.md §1): html + js + wasm + css of DIST, each file gzip -9, at most
# BUNDLE_BUDGET_KB KB of 1,024 bytes. A guard rail against bloat, not a target. scripts/test's
# build level fails past it; scripts/bench reports the same sum against the same budget.
BUNDLE_BUDGET_KB=500
check_bundle_size() {
  local dist=${1:-$GATEWATCH_ROOT/dist} file size total=0
  shopt -s nullglob
  local files=("$dist"/*.html "$dist"/*.js "$dist"/*.wasm "$dist"/*.css)
  shopt -u nullglob
  [ ${#files[@]} -gt 0 ] || die "check_bundle_size: no html/js/wasm/css in $dist"
  for file in "${files[@]}"; do
    size=$(gzip -9 -n -c "$file" | wc -c)
    printf '  %-40s %9d bytes raw %8d bytes gzip -9\n' "${file##*/}" "$(wc -c <"$file")" "$size"
    total=$((total + size))
  done
  printf 'bundle: %d bytes gzip -9 = %d.%d KB of %d KB (KB = 1,024 bytes)\n' "$total" \
    $((total / 1024)) $((total % 1024 * 10 / 1024)) "$BUNDLE_BUDGET_KB"
  [ "$total" -le $((BUNDLE_BUDGET_KB * 1024)) ] ||
    die "the release bundle is over its budget of $BUNDLE_BUDGET_KB KB gzip -9 (bench/NOTES.md §1)"
}

#!/usr/bin/env bash
# Writes <file>.gz next to every compressible file of a built dist/ directory, so nginx's
# gzip_static sends these instead of compressing on the fly at its default level 1. zopfli makes
# gzip streams ~5% smaller than `gzip -9`; without it (e.g. a minimal image) gzip -9 stands in.
# Usage: scripts/lib/precompress.sh DIST_DIR
set -euo pipefail
dist=${1:?usage: precompress.sh DIST_DIR}
[ -d "$dist" ] || { echo "precompress: no directory $dist" >&2; exit 1; }
shopt -s nullglob
for file in "$dist"/*.{wasm,js,css,html,svg}; do
  if command -v zopfli >/dev/null; then
    zopfli --gzip -c "$file" >"$file.gz.tmp"
  else
    gzip -9 -n -c "$file" >"$file.gz.tmp"
  fi
  # The .gz must describe this very file: give it the same mtime (nginx sends the .gz's headers).
  touch -r "$file" "$file.gz.tmp"
  mv "$file.gz.tmp" "$file.gz"
done

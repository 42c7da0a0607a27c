#!/usr/bin/env python3
"""Minifies the wasm's JS glue with terser: the same code in a third of the bytes.

wasm-bindgen writes readable glue (comments, JSDoc, long local names) and trunk ships it as it
is; terser's `--module --compress --mangle` halves its gzip size (bench/NOTES.md §1). Names the
loader imports and the wasm calls are kept: module exports and the import object's keys are
not mangled.

    python3 scripts/lib/minify_glue.py DIST_DIR

For DIST_DIR's *_bg.wasm's glue (the same name without `_bg`, .js): runs terser from PATH
(scripts/lib/install.sh puts it in .tools), replaces the file and its sha384 integrity in
index.html. Runs last in build_release (scripts/lib/build.sh), after shorten_imports, which
reads the glue as wasm-bindgen writes it; then the files are precompressed.
"""

import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from order_wasm_functions import dist_wasm_and_glue, update_integrity  # noqa: E402

TERSER_OPTIONS = ["--module", "--compress", "--mangle"]


def minify(js_path):
    """Minifies in place; returns (bytes before, bytes after)."""
    terser = shutil.which("terser")
    if terser is None:
        raise SystemExit("minify_glue: no terser on PATH (scripts/lib/install.sh installs it)")
    before = os.path.getsize(js_path)
    out = js_path + ".min"
    subprocess.run([terser, js_path, *TERSER_OPTIONS, "--output", out], check=True)
    if os.path.getsize(out) == 0:
        raise SystemExit(f"minify_glue: terser wrote nothing for {js_path}")
    os.replace(out, js_path)
    return before, os.path.getsize(js_path)


def main():
    dist, _, js = dist_wasm_and_glue("minify_glue")
    before, after = minify(js)
    update_integrity(dist, os.path.basename(js))
    print(f"minify_glue: {os.path.basename(js)} {before} -> {after} bytes")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Minifies the wasm's JS glue with terser: the same code in a third of the bytes.

wasm-bindgen writes readable glue (comments, JSDoc, long local names) and trunk ships it as it
is: trunk 0.21's own minifier (`minify` in Trunk.toml) cannot parse the glue's
`export { …, __wbg_init as default }` and leaves it unminified with a warning. terser's
`--module --compress --mangle` halves its gzip size (bench/NOTES.md §1). Names the loader
imports and the wasm calls are kept: module exports and the import object's keys are not mangled.

    python3 scripts/lib/minify_glue.py DIST_DIR

For DIST_DIR's *_bg.wasm's glue (the same name without `_bg`, .js): runs terser from PATH
(scripts/lib/install.sh puts it in .tools), replaces the file and its sha384 integrity in
DIST_DIR's one html document (trunk's modulepreload link; trunk builds one document per run). Runs right after trunk in build_release
(scripts/lib/build.sh); then the files are precompressed.
"""

import base64
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys

TERSER_OPTIONS = ["--module", "--compress", "--mangle"]


def dist_wasm_and_glue():
    """The DIST_DIR argument, its one *_bg.wasm and that wasm's glue, or a usage message."""
    if len(sys.argv) != 2:
        raise SystemExit("usage: minify_glue.py DIST_DIR")
    dist = sys.argv[1]
    wasms = glob.glob(os.path.join(dist, "*_bg.wasm"))
    if len(wasms) != 1:
        raise SystemExit(f"minify_glue: expected one *_bg.wasm in {dist}, found {wasms}")
    js = wasms[0][: -len("_bg.wasm")] + ".js"
    if not os.path.exists(js):
        raise SystemExit(f"minify_glue: no glue {js} beside {wasms[0]}")
    return dist, wasms[0], js


def update_integrity(dist, name):
    """The integrity attribute of the document's link to `name`, for the file as it is now."""
    documents = glob.glob(os.path.join(dist, "*.html"))
    if len(documents) != 1:
        raise SystemExit(f"minify_glue: expected one html document in {dist}, found {documents}")
    index = documents[0]
    html = open(index, encoding="utf-8").read()
    digest = hashlib.sha384(open(os.path.join(dist, name), "rb").read()).digest()
    sri = "sha384-" + base64.b64encode(digest).decode()
    # Quoted or not (an HTML minifier drops the quotes).
    pattern = re.compile(r'(<link[^>]*\bhref="?/?' + re.escape(name) + r'"?[^>]*\bintegrity=("?))[^"\s>]*')
    html, count = pattern.subn(lambda m: m.group(1) + sri, html)
    if count == 0 and "integrity=" in html and name in html:
        raise SystemExit(f"minify_glue: no integrity attribute for {name} in {index}")
    open(index, "w", encoding="utf-8").write(html)


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
    dist, _, js = dist_wasm_and_glue()
    before, after = minify(js)
    update_integrity(dist, os.path.basename(js))
    print(f"minify_glue: {os.path.basename(js)} {before} -> {after} bytes")


if __name__ == "__main__":
    main()

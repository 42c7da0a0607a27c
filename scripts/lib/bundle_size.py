#!/usr/bin/env python3
"""The bytes each document of a build loads: its html and the js, wasm and css it links, each
gzip -9 (Python's zlib), KB of 1,024 bytes.

    python3 scripts/lib/bundle_size.py DIST BUDGET_KB

Prints every document's files and total. Fails when index.html's load, the console's first
load (Groups and Charts), is over BUDGET_KB. all-views.html, the document with every view
(gatewatch_core::page::Document), is reported beside it: a session loads it when it moves on
to a view index.html lacks. scripts/lib/build.sh gates on this; bench/run.py reports the same.
"""
import gzip
import re
import sys
from pathlib import Path

FIRST_LOAD = "index.html"
DOCUMENTS = (FIRST_LOAD, "all-views.html")
ASSET = re.compile(r'\b(?:href|src)="?/?([^"\s>?#]+\.(?:js|wasm|css))"?')


def document_files(dist, html):
    """The html file and every js, wasm and css file it links, as paths in dist."""
    dist = Path(dist)
    page = dist / html
    if not page.is_file():
        raise SystemExit(f"bundle_size: no {page}: build first")
    names = sorted(set(ASSET.findall(page.read_text(encoding="utf-8"))))
    missing = [n for n in names if not (dist / n).is_file()]
    if missing or not any(n.endswith(".wasm") for n in names):
        raise SystemExit(f"bundle_size: {html} links {names}; missing in {dist}: {missing}")
    return [page] + [dist / n for n in names]


def gzip9(path):
    return len(gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0))


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: bundle_size.py DIST BUDGET_KB")
    dist, budget_kb = sys.argv[1], int(sys.argv[2])
    totals = {}
    for html in DOCUMENTS:
        print(f"{html}:")
        total = 0
        for path in document_files(dist, html):
            size = gzip9(path)
            total += size
            print(f"  {path.name:40} {path.stat().st_size:9d} bytes raw {size:8d} bytes gzip -9")
        totals[html] = total
        print(f"  {html} loads {total} bytes gzip -9 = {total / 1024:.1f} KB")
    first = totals[FIRST_LOAD]
    print(f"first load ({FIRST_LOAD}): {first / 1024:.1f} KB of {budget_kb} KB (KB = 1,024 bytes)")
    if first > budget_kb * 1024:
        raise SystemExit(f"the first load is over its budget of {budget_kb} KB gzip -9 (bench/NOTES.md §1)")


if __name__ == "__main__":
    main()

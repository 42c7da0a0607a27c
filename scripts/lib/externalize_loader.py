#!/usr/bin/env python3
"""Move trunk's inline <script type="module"> (the wasm loader it writes into dist/index.html)
into a hashed external file, so that the console runs under a Content-Security-Policy without
'unsafe-inline' for scripts (deploy/nginx/gatewatch.conf.template, docs/security.md).

    externalize_loader.py DIST_DIR

dist/loader-<16 hex>.js gets the script's text; the inline element is replaced by
<script type="module" src="/loader-<hash>.js" integrity="sha384-..."></script>. The name matches
nginx's immutable-asset rule like trunk's own hashed files. Idempotent: a page without inline
scripts is left as it is. Fails if any inline <script> remains afterwards.
"""
import base64
import hashlib
import re
import sys
from pathlib import Path

INLINE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)


def externalize(dist: Path) -> int:
    index = dist / "index.html"
    html = index.read_text(encoding="utf-8")
    moved = 0

    def replace(match):
        nonlocal moved
        attrs, body = match.group("attrs"), match.group("body")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            return match.group(0)  # already external
        if not re.search(r"""\btype\s*=\s*["']?module\b""", attrs, re.I):
            raise SystemExit(f"externalize_loader: unexpected inline non-module script in {index}")
        data = body.strip("\n").encode("utf-8") + b"\n"
        name = f"loader-{hashlib.sha256(data).hexdigest()[:16]}.js"
        (dist / name).write_bytes(data)
        sri = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
        moved += 1
        return f'<script type="module" src="/{name}" integrity="{sri}"></script>'

    html = INLINE.sub(replace, html)
    leftover = [m.group(0)[:80] for m in INLINE.finditer(html)
                if not re.search(r"\bsrc\s*=", m.group("attrs"), re.I)]
    if leftover:
        raise SystemExit(f"externalize_loader: inline scripts remain in {index}: {leftover}")
    if re.search(r"\son[a-z]+\s*=", re.sub(INLINE, "", html), re.I):
        raise SystemExit(f"externalize_loader: inline event handler attributes in {index}")
    if moved:
        index.write_text(html, encoding="utf-8")
    return moved


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: externalize_loader.py DIST_DIR")
    count = externalize(Path(sys.argv[1]))
    print(f"externalize_loader: {count} inline script(s) moved to external files")

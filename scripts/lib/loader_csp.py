#!/usr/bin/env python3
"""Prints the CSP script sources of the inline scripts of DIST's documents (index.html and
all-views.html, gatewatch_core::page::Document): 'sha256-<base64>' each, space-separated, for
nginx's script-src (deploy/nginx/gatewatch.conf.template, docs/security.md).

    python3 scripts/lib/loader_csp.py DIST_DIR

trunk 0.21 writes its wasm loader into each document as an inline <script type="module">; a CSP
without 'unsafe-inline' runs it when its hash is listed. The files are only read, never changed.
Fails when index.html is missing or a document carries an inline event handler (onclick=...),
which no hash in script-src allows.
"""
import base64
import hashlib
import sys
from html.parser import HTMLParser
from pathlib import Path


class InlineScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)  # a script's text is hashed as written
        self.scripts, self.handlers, self._current = [], [], None

    def handle_starttag(self, tag, attrs):
        self.handlers += [f"<{tag} {name}=...>" for name, _ in attrs if name.startswith("on")]
        if tag == "script" and not any(name == "src" for name, _ in attrs):
            self._current = []

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def sources(html):
    parser = InlineScripts()
    parser.feed(html)
    parser.close()
    if parser.handlers:
        raise SystemExit(f"loader_csp: inline event handlers: {', '.join(parser.handlers)}")
    return [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
            for s in parser.scripts]


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: loader_csp.py DIST_DIR")
    dist = Path(sys.argv[1])
    if not (dist / "index.html").is_file():
        raise SystemExit(f"loader_csp: no {dist / 'index.html'}: build first")
    found = []
    for document in sorted(dist.glob("*.html")):
        found += [s for s in sources(document.read_text(encoding="utf-8")) if s not in found]
    print(" ".join(found))


if __name__ == "__main__":
    main()

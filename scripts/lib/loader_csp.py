#!/usr/bin/env python3
"""Prints the CSP script sources of DIST/index.html's inline scripts: 'sha256-<base64>' each,
space-separated, for nginx's script-src (deploy/nginx/gatewatch.conf.template, docs/security.md).

    python3 scripts/lib/loader_csp.py DIST_DIR

trunk 0.21 writes its wasm loader into index.html as an inline <script type="module">; a CSP
without 'unsafe-inline' runs it when its hash is listed. The file is only read, never changed.
Fails when index.html is missing or carries an inline event handler (onclick=...), which no
hash in script-src allows.
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
        raise SystemExit(f"loader_csp: inline event handlers in index.html: {', '.join(parser.handlers)}")
    return [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
            for s in parser.scripts]


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: loader_csp.py DIST_DIR")
    index = Path(sys.argv[1]) / "index.html"
    if not index.is_file():
        raise SystemExit(f"loader_csp: no {index}: build first")
    print(" ".join(sources(index.read_text(encoding="utf-8"))))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Gives the wasm's imports from its JS glue short names, in the wasm and in the glue alike.

wasm-bindgen names each import after the JS it calls plus a 16-digit hash
(`__wbg_setAttribute_2704501201f15687`), and every name is written twice: in the wasm's import
section and as a key of the glue's import object. The hashes do not compress: 172 of them cost
≈6 KB of gzip (bench/NOTES.md §1). Renaming each to `a`, `b`, … `aB` in both places changes
nothing else: the wasm still looks its imports up by name in the same object.

    python3 scripts/lib/shorten_imports.py DIST_DIR

For DIST_DIR's *_bg.wasm and its glue (the same name without `_bg`, .js): renames every import
of the glue's module that is spelled as wasm-bindgen does (`__wbg_…`, `__wbindgen_…`) and is a key
of the glue's import object (`const import0 = {`), so a second run changes nothing; then
rewrites both files and their sha384 integrity in index.html. Run by build_release
(scripts/lib/build.sh) after the function order, before precompressing. Standard library only.
"""

import os
import re
import string
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from order_wasm_functions import (  # noqa: E402
    import_entries, rewrite_wasm_and_glue, sections, with_section, write_leb)

# The glue's import object: one key per line, indented 8 spaces, up to `return {` the modules.
IMPORT_OBJECT = re.compile(r"\n    const import0 = \{\n(.*?)\n    \};\n", re.S)
KEY = re.compile(r"^        ([A-Za-z_$][\w$]*):", re.M)
# The module name the wasm imports the object as.
MODULE = re.compile(r'^        "([^"]+)": import0,$', re.M)
LETTERS = string.ascii_letters


def short_name(i):
    """a … Z, then aa, ab, …: valid JS identifiers, none of them a glue key's spelling."""
    name = LETTERS[i % 52]
    i //= 52
    while i:
        i -= 1
        name = LETTERS[i % 52] + name
        i //= 52
    return name


def imports(data, start):
    """[(module, name, start of the entry's kind, end of the entry)] of the import section."""
    return [(m, n, kind_at, end) for m, n, _, kind_at, end in import_entries(data, start)]


def rename_wasm(data, module, renames):
    def renamed(start, _end):
        entries = imports(data, start)
        payload = bytearray(write_leb(len(entries)))
        for mod, name, kind_at, end in entries:
            new = (renames.get(name, name) if mod == module else name).encode()
            payload += write_leb(len(mod.encode())) + mod.encode() + write_leb(len(new)) + new
            payload += data[kind_at:end]  # kind and type, unchanged
        return bytes(payload)

    return with_section(data, 2, renamed)


def shorten(wasm_path, js_path):
    """Renames in place; returns how many imports were renamed."""
    data = open(wasm_path, "rb").read()
    js = open(js_path, encoding="utf-8").read()
    found = {sid: start for sid, start, _ in sections(data)}
    if 2 not in found:
        return 0
    body = IMPORT_OBJECT.search(js)
    if body is None:
        raise ValueError(f"{js_path}: no `const import0 = {{` import object (a new wasm-bindgen?)")
    keys = set(KEY.findall(body.group(1)))
    modules = MODULE.findall(js)
    if len(modules) != 1:
        raise ValueError(f"{js_path}: expected one module for import0, found {modules}")
    module = modules[0]
    # Only wasm-bindgen's own spellings: a second run finds nothing left to rename.
    names = [n for mod, n, _, _ in imports(data, found[2])
             if mod == module and n in keys and n.startswith(("__wbg_", "__wbindgen_"))]
    taken = keys | {n for _, n, _, _ in imports(data, found[2])}
    shorts = (s for s in map(short_name, range(10**6)) if s not in taken)
    renames = {name: next(shorts) for name in dict.fromkeys(names)}
    if not renames:
        return 0
    lines = body.group(1)
    lines = KEY.sub(lambda m: f"        {renames.get(m.group(1), m.group(1))}:", lines)
    js = js[: body.start(1)] + lines + js[body.end(1) :]
    open(wasm_path, "wb").write(rename_wasm(data, module, renames))
    open(js_path, "w", encoding="utf-8").write(js)
    return len(renames)


def main():
    count, wasm = rewrite_wasm_and_glue("shorten_imports", shorten)
    print(f"shorten_imports: {count} imports renamed in {wasm} and its glue")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Removes wasm-streams' JS classes from the console's wasm and its glue: the console never uses them.

Leptos always enables server_fn's `browser` client, which depends on wasm-streams, and
wasm-streams exports three classes to JS with `#[wasm_bindgen]` (IntoUnderlyingSource, …Sink,
…ByteSource: adapters that turn Rust streams into JS ones, for streamed server functions).
The console has no server functions, and nothing in the wasm creates these classes: only
their exports keep their code alive. Those exports are 13 functions with their futures and
vtables in the wasm, and 4 KB of class code in the glue (bench/NOTES.md §1).

    python3 scripts/lib/drop_stream_classes.py DIST_DIR

For DIST_DIR's *_bg.wasm and its glue (the same name without `_bg`, .js):
- drops each class from the glue: its `export class`, its `Symbol.dispose` line, its
  FinalizationRegistry and the enum only it reads;
- drops its exports from the wasm (`__wbg_<class>_free`, `<class>_<method>`), then lets binaryen
  remove what no export, table entry or start function reaches any more;
- updates both sha384 integrities in index.html.

It refuses glue in which a class or a dropped export is still named afterwards, and glue that
does not have the expected shape. A second run finds no class left and changes nothing. It runs in
build_release (scripts/lib/build.sh) before the function order. Needs the standard library and
wasm-opt.
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from order_wasm_functions import (  # noqa: E402
    leb, rewrite_wasm, rewrite_wasm_and_glue, sections, with_section, write_leb)

CLASSES = ("IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource")


def class_block(name):
    """wasm-bindgen's class: `export class X {` up to its `Symbol.dispose` line."""
    return re.compile(
        r"^export class " + name + r" \{\n.*?^\}\n"
        r"if \(Symbol\.dispose\) " + name + r"\.prototype\[Symbol\.dispose\] = "
        + name + r"\.prototype\.free;\n\n?",
        re.S | re.M,
    )


def finalization(name):
    """`const XFinalization = (typeof FinalizationRegistry === 'undefined') ? … : new …;`"""
    return re.compile(
        r"^const " + name + r"Finalization = \(typeof FinalizationRegistry === 'undefined'\)\n"
        r"[^;]*;\n",
        re.M,
    )


# Enums of the glue (`const __wbindgen_enum_X = [...]`), dropped once nothing reads them.
ENUM = re.compile(r"^const (__wbindgen_enum_\w+) = \[[^\]]*\];\n", re.M)
# The glue's uses of the wasm's exports: `wasm.name`.
EXPORT_USE = re.compile(r"\bwasm\.(\w+)")


def strip_glue(js):
    """(glue without the classes, the wasm exports only they used), or ValueError."""
    present = [c for c in CLASSES if re.search(r"^export class " + c + r" \{", js, re.M)]
    if not present:
        return js, set()
    used_before = set(EXPORT_USE.findall(js))
    for name in present:
        js, blocks = class_block(name).subn("", js)
        js, registries = finalization(name).subn("", js)
        if blocks != 1 or registries != 1:
            raise ValueError(f"class {name} is not in the shape wasm-bindgen writes")
    for match in list(ENUM.finditer(js)):
        if len(re.findall(r"\b" + match.group(1) + r"\b", js)) == 1:  # only its definition
            js = js.replace(match.group(0), "", 1)
    left = [c for c in CLASSES if re.search(r"\b" + c + r"\b", js)]
    if left:
        raise ValueError(f"the glue still names {left} after they were removed")
    dropped = used_before - set(EXPORT_USE.findall(js))
    own = tuple(f"{c.lower()}_" for c in present) + tuple(f"__wbg_{c.lower()}_" for c in present)
    foreign = sorted(name for name in dropped if not name.startswith(own))
    if foreign:
        raise ValueError(f"removing the classes would drop exports {foreign} that are not theirs")
    return js, dropped


def export_entries(data, start):
    """(name, start, end) of each entry of the export section at start."""
    count, pos = leb(data, start)
    for _ in range(count):
        length, name_at = leb(data, pos)
        _, end = leb(data, name_at + length + 1)  # kind byte, then an index
        yield data[name_at : name_at + length].decode(), pos, end
        pos = end


def without_exports(data, names):
    """The module with the exports in names removed (nothing else changes)."""
    def kept(start, _end):
        entries = [data[s:e] for name, s, e in export_entries(data, start) if name not in names]
        return write_leb(len(entries)) + b"".join(entries)

    return with_section(data, 7, kept)


def exports(data):
    return {name for sid, start, _ in sections(data) if sid == 7
            for name, _, _ in export_entries(data, start)}


def drop(wasm_path, js_path):
    """Drops the classes in place; returns the exports removed from the wasm."""
    original = open(js_path, encoding="utf-8").read()
    js, dropped = strip_glue(original)
    if js == original:
        return set()
    data = open(wasm_path, "rb").read()
    missing = dropped - exports(data)
    if missing:
        raise ValueError(f"the glue calls exports the wasm does not have: {sorted(missing)}")
    if dropped:
        result = rewrite_wasm(without_exports(data, dropped), ["--remove-unused-module-elements"])
        open(wasm_path, "wb").write(result)
    open(js_path, "w", encoding="utf-8").write(js)
    return dropped


def main():
    dropped, wasm = rewrite_wasm_and_glue("drop_stream_classes", drop)
    print(f"drop_stream_classes: {len(dropped)} exports removed from {wasm}")


if __name__ == "__main__":
    main()

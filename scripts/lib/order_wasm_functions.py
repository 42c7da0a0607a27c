#!/usr/bin/env python3
"""Reorders the functions of the console's wasm so that similar ones sit side by side.

gzip (deflate) finds repeats only within its last 32 KB. Leptos compiles its generic view and
signal code once per type, so the wasm holds thousands of near-copies, which the compiler lays
out far apart. Placing each function next to the one it shares most byte sequences with lets
deflate see those repeats: the wasm's gzip size drops by about 4 % (bench/NOTES.md §1). Nothing
but the order changes; the code is the same.

    python3 scripts/lib/order_wasm_functions.py DIST_DIR

For DIST_DIR's *_bg.wasm: computes the order (greedy nearest neighbour on shared 8-byte
sequences), writes it as a name section (function i named by its rank), lets binaryen's
`wasm-opt --reorder-functions-by-name --strip-debug` move the bodies (it renumbers every call,
table entry and export; StackIR as -Oz writes it), and replaces the file, and its sha384 integrity in index.html, if the
result is smaller. Run after `trunk build` by build_release (scripts/lib/build.sh), before
precompressing. Python's standard library and wasm-opt only.
"""

import base64
import collections
import glob
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import zlib

GRAM = 6  # bytes per compared sequence: long enough to be code, short enough to recur
COMMON = 50  # sequences in more functions than this say nothing about likeness


def leb(data, pos):
    """An unsigned LEB128 at pos: (value, position after it)."""
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def write_leb(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def sections(data):
    """(id, start, end) of every section's payload."""
    if data[:4] != b"\0asm":
        raise ValueError("not a wasm module")
    pos, found = 8, []
    while pos < len(data):
        sid = data[pos]
        size, start = leb(data, pos + 1)
        found.append((sid, start, start + size))
        pos = start + size
    return found


def skip_limits(data, pos):
    flags, pos = leb(data, pos)
    _, pos = leb(data, pos)
    if flags & 1:
        _, pos = leb(data, pos)
    return pos


def import_entries(data, start):
    """(module, name, kind, start of the kind byte, end) of each entry of the import section at
    start."""
    count, pos = leb(data, start)
    for _ in range(count):
        names = []
        for _ in range(2):  # module and field names
            length, pos = leb(data, pos)
            names.append(data[pos : pos + length].decode())
            pos += length
        kind_at, kind = pos, data[pos]
        pos += 1
        if kind == 0:  # function: type index
            _, pos = leb(data, pos)
        elif kind == 1:  # table: element type, limits
            pos = skip_limits(data, pos + 1)
        elif kind == 2:  # memory: limits
            pos = skip_limits(data, pos)
        elif kind == 3:  # global: value type, mutability
            pos += 2
        elif kind == 4:  # tag: attribute, type index
            _, pos = leb(data, pos + 1)
        else:
            raise ValueError(f"unknown import kind {kind}")
        yield names[0], names[1], kind, kind_at, pos


def imported_functions(data, start):
    """How many functions the import section at start brings in (they come first in the
    function index space)."""
    return sum(1 for _, _, kind, _, _ in import_entries(data, start) if kind == 0)


def function_bodies(data, start):
    count, pos = leb(data, start)
    bodies = []
    for _ in range(count):
        size, body = leb(data, pos)
        bodies.append(data[body : body + size])
        pos = body + size
    return bodies


def similarity_order(bodies):
    """Indices of bodies, each followed by the unplaced body sharing most rare sequences."""
    grams = [{b[i : i + GRAM] for i in range(max(1, len(b) - GRAM + 1))} for b in bodies]
    spread = collections.Counter(g for s in grams for g in s)
    holders = collections.defaultdict(list)
    for index, found in enumerate(grams):
        for g in found:
            if spread[g] <= COMMON:
                holders[g].append(index)
    left = set(range(len(bodies)))
    current = max(left, key=lambda i: (len(bodies[i]), -i)) if bodies else None
    order = []
    while left:
        order.append(current)
        left.discard(current)
        shared = collections.Counter()
        for g in grams[current]:
            if spread[g] <= COMMON:
                shared.update(i for i in holders[g] if i in left)
        if shared:
            current = max(shared, key=lambda i: (shared[i], -i))
        elif left:
            current = min(left)
    return order


def name_section(imports, order):
    """A name section naming defined function order[r] "f<r>" (zero-padded: sorts by rank)."""
    rank = {body: r for r, body in enumerate(order)}
    entries = bytearray(write_leb(len(order)))
    for body in range(len(order)):
        name = f"f{rank[body]:06d}".encode()
        entries += write_leb(imports + body) + write_leb(len(name)) + name
    subsection = b"\x01" + write_leb(len(entries)) + bytes(entries)
    payload = write_leb(4) + b"name" + subsection
    return b"\x00" + write_leb(len(payload)) + payload


def without_custom_sections(data):
    """The module without its custom sections: the browser reads none of them (the names are
    replaced by the order's own, binaryen drops them again; target_features and Leptos'
    __wasm_split_unstable marker are for tools)."""
    out = bytearray(data[:8])
    for sid, start, end in sections(data):
        if sid != 0:
            out += bytes([sid]) + write_leb(end - start) + data[start:end]
    return bytes(out)


def with_section(data, section_id, payload_of):
    """The module with the payload of each section `section_id` replaced by
    payload_of(start, end) of the old one; every other byte as it was."""
    out = bytearray(data[:8])
    for sid, start, end in sections(data):
        payload = payload_of(start, end) if sid == section_id else data[start:end]
        out += bytes([sid]) + write_leb(len(payload)) + payload
    return bytes(out)


def rewrite_wasm(data, passes):
    """The module `data` after binaryen's `passes`, and nothing else of its optimiser. It is
    written as `wasm-opt -Oz` writes it, through StackIR optimised for size: binaryen's plain
    writer leaves redundant locals and blocks in the binary, ≈2 KB more (1.1 KB of gzip). The
    features are what rustc's wasm32 target emits (binaryen must accept every instruction)."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.wasm"), os.path.join(tmp, "out.wasm")
        open(src, "wb").write(data)
        subprocess.run(
            ["wasm-opt", *passes, "--optimize-level=2", "--shrink-level=2", "--optimize-stack-ir",
             "--enable-reference-types", "--enable-bulk-memory", "--enable-sign-ext",
             "--enable-mutable-globals", "--enable-nontrapping-float-to-int",
             "--enable-multivalue", src, "-o", dst],
            check=True,
        )
        return open(dst, "rb").read()


def reorder(path):
    data = open(path, "rb").read()
    found = {sid: (start, end) for sid, start, end in sections(data) if sid != 0}
    if 10 not in found:
        return None
    imports = imported_functions(data, found[2][0]) if 2 in found else 0
    bodies = function_bodies(data, found[10][0])
    order = similarity_order(bodies)
    named = without_custom_sections(data) + name_section(imports, order)
    result = rewrite_wasm(named, ["--reorder-functions-by-name", "--strip-debug", "--strip-producers"])
    before, after = len(zlib.compress(data, 9)), len(zlib.compress(result, 9))
    if after >= before:
        return before, before
    open(path, "wb").write(result)
    return before, after


def update_integrity(dist, wasm_name):
    index = os.path.join(dist, "index.html")
    html = open(index, encoding="utf-8").read()
    digest = hashlib.sha384(open(os.path.join(dist, wasm_name), "rb").read()).digest()
    sri = "sha384-" + base64.b64encode(digest).decode()
    # Quoted or not (an HTML minifier drops the quotes).
    pattern = re.compile(
        r'(<link[^>]*\bhref="?/?' + re.escape(wasm_name) + r'"?[^>]*\bintegrity=("?))[^"\s>]*'
    )
    html, count = pattern.subn(lambda m: m.group(1) + sri, html)
    if count == 0 and "integrity=" in html and wasm_name in html:
        raise SystemExit(f"order_wasm_functions: no integrity attribute for {wasm_name} in {index}")
    open(index, "w", encoding="utf-8").write(html)


def dist_and_wasm(tool):
    """The DIST_DIR argument and its one *_bg.wasm, or a usage message naming `tool`."""
    if len(sys.argv) != 2:
        raise SystemExit(f"usage: {tool}.py DIST_DIR")
    dist = sys.argv[1]
    wasms = glob.glob(os.path.join(dist, "*_bg.wasm"))
    if len(wasms) != 1:
        raise SystemExit(f"{tool}: expected one *_bg.wasm in {dist}, found {wasms}")
    return dist, wasms[0]


def dist_wasm_and_glue(tool):
    """As dist_and_wasm, plus the wasm's JS glue (its name without `_bg`, .js), which must exist."""
    dist, wasm = dist_and_wasm(tool)
    js = wasm[: -len("_bg.wasm")] + ".js"
    if not os.path.exists(js):
        raise SystemExit(f"{tool}: no glue {js} beside {wasm}")
    return dist, wasm, js


def rewrite_wasm_and_glue(tool, step):
    """Runs step(wasm path, glue path) on DIST_DIR's wasm and glue, which rewrites them in place;
    a malformed file ends the build with a message. Then updates both integrities. Returns
    step's result and the wasm's file name."""
    dist, wasm, js = dist_wasm_and_glue(tool)
    try:
        result = step(wasm, js)
    except (ValueError, IndexError, UnicodeDecodeError) as e:  # IndexError: cut off
        raise SystemExit(f"{tool}: {wasm}: {e or 'cut off'}")
    for path in (wasm, js):
        update_integrity(dist, os.path.basename(path))
    return result, os.path.basename(wasm)


def main():
    dist, wasm = dist_and_wasm("order_wasm_functions")
    try:
        sizes = reorder(wasm)
    except (ValueError, IndexError) as e:  # IndexError: a section or LEB128 cut off
        raise SystemExit(f"order_wasm_functions: {wasm}: {e or 'cut off'}")
    if sizes is None:
        raise SystemExit(f"order_wasm_functions: {wasm} has no code section")
    update_integrity(dist, os.path.basename(wasm))
    before, after = sizes
    print(f"order_wasm_functions: {os.path.basename(wasm)} gzip -9 {before} -> {after} bytes")


if __name__ == "__main__":
    main()

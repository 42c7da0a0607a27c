"""The release bundle's function reordering (scripts/lib/order_wasm_functions.py): the built
wasm's integrity attributes hold, and on a module made for it the reordering moves twin
functions together, shrinks the gzip size, and leaves every export's result as it was."""
import base64
import gzip
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts/lib/order_wasm_functions.py"
sys.path.insert(0, str(SCRIPT.parent))
import order_wasm_functions as order  # noqa: E402


def _sri(path):
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def test_release_bundle_integrity_matches_every_file():
    dist = Path(os.environ.get("GATEWATCH_DIST", ROOT / "dist"))
    html = (dist / "index.html").read_text()
    links = re.findall(r'<(?:link|script)[^>]*?\b(?:href|src)="?/([^"\s>]+)"?[^>]*?\bintegrity="?([^"\s>]+)', html)
    names = [name for name, _ in links]
    assert any(n.endswith("_bg.wasm") for n in names), html
    for name, integrity in links:
        assert integrity == _sri(dist / name), f"{name}: integrity is stale"


def _body(rng, n):
    """n instructions that push and drop constants: bytes that compress only against a copy."""
    return "\n".join(f"    i32.const {rng.randrange(1 << 30)}\n    drop" for _ in range(n))


def _module_text():
    rng = random.Random(7)
    twin = _body(rng, 400)  # ~2.8 KB of code, twice: once first, once after 40 KB of others
    funcs = [f'(func $twin_a (export "twin_a") (result i32)\n{twin}\n    i32.const 11)']
    for i in range(14):
        funcs.append(f'(func $filler{i} (export "filler{i}") (result i32)\n{_body(rng, 400)}\n'
                     f"    i32.const {i}\n    call $helper)")
    funcs.append(f'(func $twin_b (export "twin_b") (result i32)\n{twin}\n    i32.const 22)')
    funcs.append("(func $helper (param i32) (result i32)\n    local.get 0\n    i32.const 100\n"
                 "    i32.add)")
    funcs.append('(func $via_table (export "via_table") (param i32) (result i32)\n'
                 "    local.get 0\n    call_indirect (type $t))")
    return ("(module\n  (type $t (func (result i32)))\n"
            '  (import "env" "seven" (func $seven (result i32)))\n'
            '  (func $uses_import (export "uses_import") (result i32)\n'
            "    call $seven\n    i32.const 1\n    i32.add)\n"
            + "\n".join(funcs)
            + "\n  (table 3 funcref)\n  (elem (i32.const 0) $twin_a $filler3 $twin_b))\n")


RUN_EXPORTS = """
const fs = require('fs');
const m = new WebAssembly.Module(fs.readFileSync(process.argv[1]));
const i = new WebAssembly.Instance(m, {env: {seven: () => 7}});
const out = {};
for (const [k, f] of Object.entries(i.exports)) {
  if (typeof f !== 'function') continue;
  out[k] = k === 'via_table' ? [0, 1, 2].map(n => f(n)) : f();
}
console.log(JSON.stringify(out));
"""


def _exports(path):
    node = shutil.which("node")
    return subprocess.run([node, "-e", RUN_EXPORTS, str(path)], check=True,
                          capture_output=True, text=True).stdout


@pytest.mark.skipif(not shutil.which("wasm-as") or not shutil.which("node"),
                    reason="needs binaryen's wasm-as and node (scripts/lib/install.sh)")
def test_reordering_moves_twins_together_and_keeps_results(tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    (tmp_path / "m.wat").write_text(_module_text())
    wasm = dist / "app_bg.wasm"
    subprocess.run(["wasm-as", str(tmp_path / "m.wat"), "-o", str(wasm)], check=True)
    before = wasm.read_bytes()
    (dist / "index.html").write_text(
        f'<link rel="preload" href="/app_bg.wasm" integrity="{_sri(wasm)}" as="fetch">')
    results = _exports(wasm)
    assert '"uses_import":8' in results and '"via_table":[11,103,22]' in results

    subprocess.run([sys.executable, str(SCRIPT), str(dist)], check=True)

    after = wasm.read_bytes()
    assert _exports(wasm) == results
    assert len(gzip.compress(after, 9)) < len(gzip.compress(before, 9)) - 1000
    # The twins' bodies are now neighbours in the code section.
    data = after
    code = next((s, e) for sid, s, e in order.sections(data) if sid == 10)
    bodies = order.function_bodies(data, code[0])
    twins = [i for i, b in enumerate(bodies) if len(b) > 2000 and bodies.count(b) == 1
             and any(o != b and o[:-4] == b[:-4] for o in bodies)]
    assert len(twins) == 2 and abs(twins[0] - twins[1]) == 1, twins
    assert f'integrity="{_sri(wasm)}"' in (dist / "index.html").read_text()


def test_reordering_refuses_what_is_not_one_wasm(tmp_path):
    (tmp_path / "index.html").write_text("")
    run = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True, text=True)
    assert run.returncode != 0 and "expected one *_bg.wasm" in run.stderr
    (tmp_path / "x_bg.wasm").write_bytes(b"not wasm")
    run = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True, text=True)
    assert run.returncode != 0 and "not a wasm module" in run.stderr

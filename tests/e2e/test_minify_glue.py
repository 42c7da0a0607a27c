"""The minified JS glue (scripts/lib/minify_glue.py): the release bundle's glue is minified and
still links its wasm; on a glue made for the test the minified module gives the same results
under the same export names, is smaller, and its integrity is updated; without terser the build
step says what is missing."""
import os
import shutil
import subprocess
import sys

import pytest

from bundle_files import ROOT, integrities_hold, links, make_dist, node_module, release_wasm_and_glue

SCRIPT = ROOT / "scripts/lib/minify_glue.py"

WAT = """(module
  (import "./app_bg.js" "double" (func $double (param i32) (result i32)))
  (func (export "quadruple") (param i32) (result i32)
    local.get 0
    call $double
    call $double))
"""

GLUE = """let wasm;

/**
 * Four times `value`, through the wasm, which doubles twice with its import.
 * @param {number} value
 * @returns {number}
 */
export function quadruple(value) {
    const longDescriptiveResultName = wasm.quadruple(value);
    return longDescriptiveResultName;
}

function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        double: function(argumentToDouble) {
            // Called by the wasm by this key: it must keep its name.
            return argumentToDouble * 2;
        },
    };
    return { __proto__: null, "./app_bg.js": import0 };
}

export function initSync({ module }) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(module), __wbg_get_imports());
    wasm = instance.exports;
    return wasm;
}
"""

RUN = """
import fs from 'fs';
import { pathToFileURL } from 'url';
const glue = await import(pathToFileURL(process.argv[1]).href);
glue.initSync({ module: fs.readFileSync(process.argv[2]) });
console.log(JSON.stringify([Object.keys(glue).sort(), glue.quadruple(5)]));
"""

needs_tools = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("wasm-as", "node", "terser")),
    reason="needs binaryen's wasm-as, node and terser (scripts/lib/install.sh)")


def test_release_glue_is_minified_and_links_its_wasm():
    wasm, glue = release_wasm_and_glue()
    text = glue.read_text()
    assert "/**" not in text and text.count("\n") < 20, "the glue is not minified"
    assert links(glue, wasm) == "linked"


@needs_tools
def test_minifying_keeps_exports_and_results_and_updates_the_integrity(tmp_path):
    dist, wasm, glue = make_dist(tmp_path, WAT, GLUE)
    results = node_module(RUN, glue, wasm)
    assert results == '[["initSync","quadruple"],20]'

    run = subprocess.run([sys.executable, str(SCRIPT), str(dist)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr

    text = glue.read_text()
    assert node_module(RUN, glue, wasm) == results
    assert len(text) < len(GLUE) / 2
    for gone in ("longDescriptiveResultName", "argumentToDouble", "/**", "// Called"):
        assert gone not in text
    assert integrities_hold(dist, wasm, glue)


@needs_tools
def test_minifying_without_terser_says_so_and_changes_nothing(tmp_path):
    dist, wasm, glue = make_dist(tmp_path, WAT, GLUE)
    node_only = tmp_path / "bin"
    node_only.mkdir()
    (node_only / "node").symlink_to(shutil.which("node"))
    run = subprocess.run([sys.executable, str(SCRIPT), str(dist)], capture_output=True, text=True,
                         env={**os.environ, "PATH": str(node_only)})
    assert run.returncode != 0 and "no terser on PATH" in run.stderr
    assert glue.read_text() == GLUE

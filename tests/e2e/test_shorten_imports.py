"""The release bundle's short import names (scripts/lib/shorten_imports.py): the built wasm imports
only short names, and its (minified) glue provides every one; on a module and glue made for it the
renaming keeps every result, leaves other modules' imports alone, and updates both integrities."""
import re
import shutil
import subprocess
import sys

import pytest

from bundle_files import ROOT, links, make_dist, release_wasm_and_glue, sri

SCRIPT = ROOT / "scripts/lib/shorten_imports.py"
sys.path.insert(0, str(SCRIPT.parent))
import shorten_imports as shorten  # noqa: E402


def _imports(wasm):
    data = wasm.read_bytes()
    start = next(s for sid, s, _ in shorten.sections(data) if sid == 2)
    return [(module, name) for module, name, _, _ in shorten.imports(data, start)]


def test_release_bundle_imports_short_names_its_glue_defines():
    wasm, glue = release_wasm_and_glue()
    names = [n for m, n in _imports(wasm) if m.endswith("_bg.js")]
    assert len(names) > 100
    assert all(len(n) <= 2 for n in names), [n for n in names if len(n) > 2]
    # The glue is minified after the renaming (minify_glue.py): that it provides every import is
    # what instantiating the wasm with it proves.
    assert links(glue, wasm) == "linked"


WAT = """(module
  (import "./app_bg.js" "__wbg_seven_0123456789abcdef" (func $seven (result i32)))
  (import "./app_bg.js" "__wbg_add_fedcba9876543210" (func $add (param i32 i32) (result i32)))
  (import "env" "__wbg_seven_0123456789abcdef" (func $env_seven (result i32)))
  (import "./app_bg.js" "__wbindgen_memory" (memory 1))
  (func (export "run") (result i32)
    (i32.add (call $add (call $seven) (i32.const 100)) (call $env_seven))))
"""

GLUE = """function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_add_fedcba9876543210: function(arg0, arg1) {
            return arg0 + arg1;
        },
        __wbg_seven_0123456789abcdef: function() {
            return 7;
        },
        __wbindgen_memory: new WebAssembly.Memory({initial: 1}),
    };
    return {
        __proto__: null,
        "./app_bg.js": import0,
    };
}
module.exports = { __wbg_get_imports };
"""

RUN = """
const fs = require('fs');
const imports = require(process.argv[2]).__wbg_get_imports();
imports.env = {__wbg_seven_0123456789abcdef: () => 1000};
const i = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(process.argv[1])), imports);
console.log(i.exports.run());
"""


def _run(wasm, glue):
    return subprocess.run([shutil.which("node"), "-e", RUN, str(wasm), str(glue)], check=True,
                          capture_output=True, text=True).stdout.strip()


def _dist(tmp_path, glue_text):
    return make_dist(tmp_path, WAT, glue_text, es_module=False)


@pytest.mark.skipif(not shutil.which("wasm-as") or not shutil.which("node"),
                    reason="needs binaryen's wasm-as and node (scripts/lib/install.sh)")
def test_renaming_keeps_results_and_touches_only_the_glue_s_imports(tmp_path):
    dist, wasm, glue = _dist(tmp_path, GLUE)
    assert _run(wasm, glue) == "1107"

    run = subprocess.run([sys.executable, str(SCRIPT), str(dist)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "3 imports renamed" in run.stdout

    assert _run(wasm, glue) == "1107"
    assert sorted(_imports(wasm)) == [("./app_bg.js", "a"), ("./app_bg.js", "b"),
                                      ("./app_bg.js", "c"), ("env", "__wbg_seven_0123456789abcdef")]
    text = glue.read_text()
    assert "__wbg_" not in re.sub(r"function __wbg_get_imports|exports = \{ __wbg_get_imports", "", text)
    keys = set(shorten.KEY.findall(shorten.IMPORT_OBJECT.search(text).group(1)))
    assert keys == {"__proto__", "a", "b", "c"}
    html = (dist / "index.html").read_text()
    assert f'integrity="{sri(wasm)}"' in html and f'integrity="{sri(glue)}"' in html

    again = subprocess.run([sys.executable, str(SCRIPT), str(dist)], capture_output=True, text=True)
    assert again.returncode == 0 and "0 imports renamed" in again.stdout
    assert _run(wasm, glue) == "1107"


@pytest.mark.skipif(not shutil.which("wasm-as"), reason="needs binaryen's wasm-as")
def test_renaming_refuses_a_glue_it_does_not_know(tmp_path):
    dist, wasm, glue = _dist(tmp_path, GLUE.replace("const import0", "const imports0"))
    before = wasm.read_bytes(), glue.read_text()
    run = subprocess.run([sys.executable, str(SCRIPT), str(dist)], capture_output=True, text=True)
    assert run.returncode != 0 and "no `const import0 = {` import object" in run.stderr
    assert (wasm.read_bytes(), glue.read_text()) == before
    (dist / "other_bg.wasm").write_bytes(b"\0asm")
    run = subprocess.run([sys.executable, str(SCRIPT), str(dist)], capture_output=True, text=True)
    assert run.returncode != 0 and "expected one *_bg.wasm" in run.stderr

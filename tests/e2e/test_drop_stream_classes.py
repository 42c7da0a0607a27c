"""Dropping wasm-streams' unused JS classes (scripts/lib/drop_stream_classes.py): the release
bundle has none of their exports or class code and its glue still links its wasm; on a module and
glue made for the test the classes and the code only they reach go, everything else keeps its
results, and glue of an unexpected shape is refused with nothing changed."""
import shutil
import subprocess
import sys

import pytest

from bundle_files import (ROOT, integrities_hold, links, make_dist, node_module,
                          release_wasm_and_glue)

SCRIPT = ROOT / "scripts/lib/drop_stream_classes.py"
sys.path.insert(0, str(SCRIPT.parent))
import drop_stream_classes as drop  # noqa: E402
import order_wasm_functions as order  # noqa: E402

needs_tools = pytest.mark.skipif(not shutil.which("wasm-as") or not shutil.which("node"),
                                 reason="needs binaryen's wasm-as and node (scripts/lib/install.sh)")


def test_release_bundle_has_no_stream_classes_and_its_glue_links():
    wasm, glue = release_wasm_and_glue()
    assert not [e for e in drop.exports(wasm.read_bytes()) if "intounderlying" in e]
    assert "IntoUnderlying" not in glue.read_text()
    assert links(glue, wasm) == "linked"


WAT = """(module
  (func $sink_only (param i32) (result i32)
    local.get 0
    i32.const 1000
    i32.mul)
  (func (export "__wbg_intounderlyingsink_free") (param i32 i32))
  (func (export "intounderlyingsink_write") (param i32) (result i32)
    local.get 0
    call $sink_only)
  (func (export "answer") (result i32)
    i32.const 42))
"""

GLUE = """let wasm;

export class IntoUnderlyingSink {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        IntoUnderlyingSinkFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_intounderlyingsink_free(ptr, 0);
    }
    /**
     * @returns {ReadableStreamType}
     */
    write(chunk) {
        const ret = wasm.intounderlyingsink_write(chunk);
        return __wbindgen_enum_ReadableStreamType[ret];
    }
}
if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;

export function answer() {
    return wasm.answer();
}

export function colour() {
    return __wbindgen_enum_Colour[0];
}
const __wbindgen_enum_Colour = ["red"];
const __wbindgen_enum_ReadableStreamType = ["bytes"];
const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr, 1));

export function initSync({ module }) {
    wasm = new WebAssembly.Instance(new WebAssembly.Module(module), {}).exports;
}
"""

RUN = """
import fs from 'fs';
import { pathToFileURL } from 'url';
const glue = await import(pathToFileURL(process.argv[1]).href);
glue.initSync({ module: fs.readFileSync(process.argv[2]) });
console.log(JSON.stringify([glue.answer(), glue.colour(), 'IntoUnderlyingSink' in glue]));
"""


def _run(dist, script=SCRIPT):
    return subprocess.run([sys.executable, str(script), str(dist)], capture_output=True, text=True)


@needs_tools
def test_dropping_removes_the_classes_and_their_code_and_keeps_the_rest(tmp_path):
    dist, wasm, glue = make_dist(tmp_path, WAT, GLUE)
    assert node_module(RUN, glue, wasm) == '[42,"red",true]'
    functions_before = len(order.function_bodies(wasm.read_bytes(), _code(wasm)))

    run = _run(dist)
    assert run.returncode == 0, run.stderr
    assert "2 exports removed" in run.stdout

    assert node_module(RUN, glue, wasm) == '[42,"red",false]'
    assert drop.exports(wasm.read_bytes()) == {"answer"}
    # The two exports and $sink_only, which only one of them called.
    assert len(order.function_bodies(wasm.read_bytes(), _code(wasm))) == functions_before - 3
    text = glue.read_text()
    for gone in ("IntoUnderlyingSink", "intounderlying", "ReadableStreamType"):
        assert gone not in text
    assert "__wbindgen_enum_Colour" in text
    assert integrities_hold(dist, wasm, glue)

    again = _run(dist)
    assert again.returncode == 0 and "0 exports removed" in again.stdout
    assert node_module(RUN, glue, wasm) == '[42,"red",false]'


def _code(wasm):
    return next(s for sid, s, _ in order.sections(wasm.read_bytes()) if sid == 10)


@needs_tools
@pytest.mark.parametrize("change,message", [
    # A class without wasm-bindgen's dispose line: not the shape this script knows.
    (lambda g: g.replace("if (Symbol.dispose) IntoUnderlyingSink", "if (false) IntoUnderlyingSink"),
     "not in the shape wasm-bindgen writes"),
    # Something else still uses the class.
    (lambda g: g + "export const sink = new IntoUnderlyingSink();\n", "still names"),
    # The class calls an export nothing else calls, which is not one of its own.
    (lambda g: g.replace("wasm.intounderlyingsink_write(chunk)", "wasm.answer(chunk)")
                .replace("return wasm.answer();", "return 42;"),
     "would drop exports ['answer'] that are not theirs"),
], ids=["shape", "still-used", "foreign-export"])
def test_dropping_refuses_glue_it_does_not_expect(tmp_path, change, message):
    dist, wasm, glue = make_dist(tmp_path, WAT, change(GLUE))
    before = wasm.read_bytes(), glue.read_text()
    run = _run(dist)
    assert run.returncode != 0 and message in run.stderr, run.stderr
    assert (wasm.read_bytes(), glue.read_text()) == before

"""Helpers for the tests of the release bundle's build steps (scripts/lib/*.py): the built dist/,
sha384 integrities, a dist made for a test, and whether a glue links its wasm."""
import base64
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Imports a glue (an ES module), instantiates the wasm with it through its initSync and says how
# that went: a missing or wrong import is a LinkError; anything the wasm does after linking
# (the console's start traps outside a browser) is not.
LINK = """
import fs from 'fs';
import { pathToFileURL } from 'url';
const glue = await import(pathToFileURL(process.argv[1]).href);
try {
  glue.initSync({ module: fs.readFileSync(process.argv[2]) });
  console.log('linked');
} catch (e) {
  console.log(e instanceof WebAssembly.LinkError ? `LinkError: ${e.message}` : 'linked');
}
"""


def release_dist():
    return Path(os.environ.get("GATEWATCH_DIST", ROOT / "dist"))


def release_wasm_and_glue():
    dist = release_dist()
    wasms = sorted(dist.glob("*_bg.wasm"))
    assert wasms, f"no wasm in {dist}: build the release bundle first"
    return wasms[0], dist / (wasms[0].name[: -len("_bg.wasm")] + ".js")


def sri(path):
    return "sha384-" + base64.b64encode(hashlib.sha384(Path(path).read_bytes()).digest()).decode()


def make_dist(tmp_path, wat, glue_text, es_module=True):
    """dist/ with app-1234_bg.wasm assembled from wat, its glue and an index.html with both
    integrities; with es_module the glue is an ES module (package.json says so), else node's
    CommonJS."""
    dist = tmp_path / "dist"
    dist.mkdir()
    (tmp_path / "m.wat").write_text(wat)
    wasm, glue = dist / "app-1234_bg.wasm", dist / "app-1234.js"
    subprocess.run(["wasm-as", str(tmp_path / "m.wat"), "-o", str(wasm)], check=True)
    glue.write_text(glue_text)
    if es_module:
        (dist / "package.json").write_text('{"type": "module"}')
    write_index(dist, wasm, glue)
    return dist, wasm, glue


def write_index(dist, wasm, glue):
    (dist / "index.html").write_text(
        f'<link rel="modulepreload" href="/{glue.name}" integrity="{sri(glue)}">'
        f'<link rel="preload" href="/{wasm.name}" integrity="{sri(wasm)}" as="fetch">')


def integrities_hold(dist, *paths):
    html = (dist / "index.html").read_text()
    return all(f'integrity="{sri(p)}"' in html for p in paths)


def node_module(script, *args):
    """stdout of the ES module script run by node with args."""
    return subprocess.run([shutil.which("node"), "--input-type=module", "-e", script, "--",
                           *map(str, args)], check=True, capture_output=True, text=True).stdout.strip()


def links(glue, wasm):
    """'linked', or the LinkError that instantiating wasm with glue's imports raises."""
    return node_module(LINK, glue, wasm)

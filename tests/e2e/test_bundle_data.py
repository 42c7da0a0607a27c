"""The release wasm does not carry the std tables that the core replaced to keep the bundle small
(bench/NOTES.md §1): dec2flt's powers of five (core::float_parse) and the lowercase pairs
(core::lowercase). Each is found by its first entries, which the old bundles contained."""
import re
import struct
import subprocess
from pathlib import Path

import pytest

from bundle_files import ROOT, release_wasm_and_glue

# First two entries of core::num::dec2flt::table::POWER_OF_FIVE_128, (u64, u64) each: 5^-342, 5^-341.
POWERS_OF_FIVE = struct.pack("<QQQQ", 0xEEF453D6923BD65A, 0x113FAA2906A13B3F,
                             0x9558B4661B6565F8, 0x4AC7CA59A424C507)
# First entries of core::unicode::conversions::LOWERCASE_TABLE, (char, u32) each: À→à, Á→á.
LOWERCASE_PAIRS = struct.pack("<IIII", 0xC0, 0xE0, 0xC1, 0xE1)


def _wasm():
    return release_wasm_and_glue()[0].read_bytes()


@pytest.mark.parametrize("name,signature", [("dec2flt powers of five", POWERS_OF_FIVE),
                                            ("lowercase pairs", LOWERCASE_PAIRS)],
                         ids=["powers-of-five", "lowercase"])
def test_release_wasm_has_no_std_table(name, signature):
    assert signature not in _wasm(), f"std's {name} are linked again: something calls str::parse::<f64> or to_lowercase"


def test_the_signatures_are_this_toolchain_s_tables():
    # Read from the std source the release build compiles (rust-src), so a table std changed
    # cannot make the tests above pass by no longer matching anything.
    sysroot = subprocess.run(["rustc", "--print", "sysroot"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.strip()
    core = Path(sysroot) / "lib/rustlib/src/rust/library/core/src"
    powers = (core / "num/dec2flt/table.rs").read_text()
    first = re.findall(r"\((0x[0-9a-f]+), (0x[0-9a-f]+)\),", powers)[:2]
    assert POWERS_OF_FIVE == struct.pack("<4Q", *(int(x, 16) for pair in first for x in pair))
    unicode = (core / "unicode/unicode_data.rs").read_text()
    table = unicode[unicode.index("static LOWERCASE_TABLE"):]
    pairs = re.findall(r"\('\\u\{([0-9a-f]+)\}', (\d+)\)", table)[:2]
    assert LOWERCASE_PAIRS == struct.pack("<4I", *(int(c, 16) if i % 2 == 0 else int(c)
                                                  for i, c in enumerate(x for p in pairs for x in p)))

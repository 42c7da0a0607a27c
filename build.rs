//! Generates the lowercase table of `core::lowercase` from this compiler's own
//! `char::to_lowercase`, as runs instead of std's 11.7 KB list of pairs (bench/NOTES.md §1).
//! Build scripts run with the same std, so the table follows its Unicode version.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

/// The one character whose lowercase is two characters; `core::lowercase` spells it out.
const DOTTED_CAPITAL_I: char = '\u{130}';

/// Longest run one entry holds (its length has 10 bits).
const MAX_RUN: u32 = 1023;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    // Every character whose lowercase is another single character, with the distance.
    let mapped: Vec<(u32, i32)> = (0..=char::MAX as u32)
        .filter_map(char::from_u32)
        .filter(|&c| c != DOTTED_CAPITAL_I)
        .filter_map(|c| {
            let mut lower = c.to_lowercase();
            let l = lower.next()?;
            assert!(
                lower.next().is_none(),
                "{c:?} lowercases to several characters"
            );
            (l != c).then(|| (c as u32, l as i32 - c as i32))
        })
        .collect();

    // Runs of equally spaced characters (1 apart: A-Z; 2 apart: Ā ā Ă ă …) with one distance.
    let mut table = String::from("&[\n");
    let mut i = 0;
    while i < mapped.len() {
        let (start, delta) = mapped[i];
        let mut stride = 0;
        let mut len = 1;
        while let Some(&(next, next_delta)) = mapped.get(i + len as usize) {
            let gap = next - mapped[i + len as usize - 1].0;
            if next_delta != delta || len == MAX_RUN || !(gap == stride || stride == 0 && gap <= 2)
            {
                break;
            }
            stride = gap;
            len += 1;
        }
        let stride = stride.max(1);
        writeln!(
            table,
            "    ({}, {}),",
            start | (stride - 1) << 21 | len << 22,
            delta
        )
        .unwrap();
        i += len as usize;
    }
    table.push(']');
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("lowercase_runs.rs");
    fs::write(out, table).unwrap();
}

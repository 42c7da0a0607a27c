//! Replays the committed seed corpus (tests/fixtures/fuzz/) through the targets' checks: inputs
//! that once broke a parser, fixture mutations that once failed and hand-picked nasty inputs.

use super::envelope::decode_all;
use super::gateway::parse_both;
use super::grouping_key::check_labels;
use super::harness::Outcome;
use super::json::data_candidates;
use super::prometheus::parse_all;
use super::settings::{check_base_url, check_gateway_list, check_settings};
use super::times::{check_duration, check_local_datetime, check_range_param, check_rfc3339};
use super::url_state::{check_component, check_query};
use gatewatch_core::gateway::model::Labels;
use gatewatch_core::time::range::MAX_EPOCH_SECS;
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

const OFFSETS: [i32; 7] = [0, 60, -300, 840, -840, i32::MAX, i32::MIN];
const NOWS: [f64; 3] = [1.7e9, 0.0, MAX_EPOCH_SECS];
const STATUSES: [u16; 4] = [200, 204, 400, 503];
const CONTENT_TYPES: [Option<&str>; 4] = [
    Some("application/json"),
    None,
    Some("text/plain; charset=utf-8"),
    Some("application/problem+json"),
];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/fuzz")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("readable entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// A body under bodies/: every parser, behind every status and Content-Type.
fn replay_body(bytes: &[u8]) -> Outcome {
    let body = String::from_utf8_lossy(bytes);
    for status in STATUSES {
        for content_type in CONTENT_TYPES {
            decode_all(status, content_type, &body)?;
        }
    }
    if let Ok(doc) = serde_json::from_str::<Value>(&body) {
        for data in data_candidates(&doc) {
            parse_both(data)?;
            parse_all(data)?;
        }
    }
    Ok(())
}

fn text(input: &Value) -> Result<&str, String> {
    input
        .as_str()
        .ok_or_else(|| format!("expected a string, got {input}"))
}

/// One entry of inputs/<target>.json, by the file's name.
fn replay_input(target: &str, input: &Value) -> Result<Outcome, String> {
    Ok(match target {
        "durations" => check_duration(text(input)?),
        "rfc3339" => check_rfc3339(text(input)?),
        "time_ranges" => {
            let s = text(input)?;
            OFFSETS
                .iter()
                .flat_map(|&o| NOWS.iter().map(move |&now| (o, now)))
                .try_for_each(|(o, now)| check_range_param(s, o, now))
        }
        "local_datetimes" => {
            let s = text(input)?;
            OFFSETS.iter().try_for_each(|&o| check_local_datetime(s, o))
        }
        "queries" => check_query(text(input)?),
        "components" => check_component(text(input)?),
        "label_maps" => {
            let labels: Labels = serde_json::from_value(input.clone())
                .map_err(|e| format!("expected a map of strings: {e}"))?;
            check_labels(&labels)
        }
        "settings" => check_settings(text(input)?),
        "base_urls" => check_base_url(text(input)?),
        "gateway_lists" => check_gateway_list(text(input)?),
        "data" => parse_both(input).and_then(|()| parse_all(input)),
        other => return Err(format!("no target named {other:?} (see docs/fuzzing.md)")),
    })
}

/// An entry is the input itself or `{"input": …, "why": "…"}`.
fn unwrap_entry(entry: &Value) -> &Value {
    match entry.as_object() {
        Some(o) if o.len() == 2 && o.contains_key("input") && o.contains_key("why") => &o["input"],
        _ => entry,
    }
}

fn run(failures: &mut Vec<String>, what: String, f: impl FnOnce() -> Result<Outcome, String>) {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(Ok(()))) => {}
        Ok(Ok(Err(e))) => failures.push(format!("{what}: {e}")),
        Ok(Err(e)) => failures.push(format!("{what}: bad corpus entry: {e}")),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{what}: PANIC {msg}"));
        }
    }
}

#[test]
fn seed_corpus_replays_cleanly() {
    let dir = corpus_dir();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in files(&dir.join("bodies")) {
        let bytes = std::fs::read(&path).expect("readable corpus file");
        count += 1;
        run(&mut failures, path.display().to_string(), || {
            Ok(replay_body(&bytes))
        });
    }
    for path in files(&dir.join("inputs")) {
        let target = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let doc: Value = serde_json::from_slice(&std::fs::read(&path).expect("readable"))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let entries = doc
            .as_array()
            .unwrap_or_else(|| panic!("{}: expected a JSON array", path.display()));
        for (i, entry) in entries.iter().enumerate() {
            count += 1;
            let input = unwrap_entry(entry);
            run(&mut failures, format!("{}[{i}]", path.display()), || {
                replay_input(target, input)
            });
        }
    }
    assert!(
        count >= 50,
        "only {count} corpus inputs under {}",
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "{} of {count} corpus inputs fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

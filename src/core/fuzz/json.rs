//! Inputs for the parser targets: arbitrary JSON with the APIs' own keys and awkward strings, and
//! the captured fixtures mutated structurally (nodes deleted, replaced, renamed, keys duplicated)
//! and byte-wise (truncated, flipped, spliced).

use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Number, Value};
use std::fmt;

/// Which parsers a fixture belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Gateway,
    Prometheus,
    /// Non-JSON answers: error texts, nginx pages.
    Text,
}

macro_rules! fixtures {
    ($($source:ident $path:literal),* $(,)?) => {
        &[$((Source::$source, $path, include_str!(concat!("../../../tests/fixtures/", $path)))),*]
    };
}

/// Every captured or hand-made answer under tests/fixtures (the 83 KB grouping-key round trip
/// is left out: it is not an API answer and would only slow every case down).
pub const FIXTURES: &[(Source, &str, &str)] = fixtures![
    Gateway "gateway/metrics.json",
    Gateway "gateway/metrics_reordered.json",
    Gateway "gateway/metrics_empty.json",
    Gateway "gateway/status.json",
    Gateway "handmade/gateway_wrong_shapes.json",
    Text "gateway/not_found_404.txt",
    Text "gateway/push_conflict_400.txt",
    Text "gateway/push_empty_job_400.txt",
    Prometheus "prometheus/buildinfo.json",
    Prometheus "prometheus/error_bad_data_400.json",
    Prometheus "prometheus/error_execution_422.json",
    Prometheus "prometheus/error_timeout_503.json",
    Prometheus "prometheus/error_too_many_points_400.json",
    Prometheus "prometheus/label_job_values.json",
    Prometheus "prometheus/label_values_empty.json",
    Prometheus "prometheus/labels.json",
    Prometheus "prometheus/query_matrix.json",
    Prometheus "prometheus/query_matrix_instant.json",
    Prometheus "prometheus/query_scalar.json",
    Prometheus "prometheus/query_scalar_nan.json",
    Prometheus "prometheus/query_string.json",
    Prometheus "prometheus/query_vector.json",
    Prometheus "prometheus/query_vector_empty.json",
    Prometheus "prometheus/query_vector_escaped_labels.json",
    Prometheus "prometheus/query_vector_odd_values.json",
    Prometheus "prometheus/series.json",
    Prometheus "prometheus/series_empty.json",
    Prometheus "prometheus/targets.json",
    Prometheus "handmade/prometheus_wrong_shapes.json",
    Prometheus "handmade/truncated.json",
    Prometheus "handmade/warnings_infos.json",
    Text "prometheus/not_found_404.txt",
    Text "prometheus/starting_503.txt",
    Text "nginx/bad_gateway_502.html",
    Text "nginx/gateway_timeout_504.html",
];

/// The fixtures of one source, as indices into [`FIXTURES`].
pub fn fixtures_of(source: Source) -> Vec<usize> {
    (0..FIXTURES.len())
        .filter(|&i| FIXTURES[i].0 == source)
        .collect()
}

/// The values a parser may be handed from a (mutated) fixture: the document, its `data`, and
/// each `data` of the hand-made lists of `{data, error_contains}` cases.
pub fn data_candidates(doc: &Value) -> Vec<&Value> {
    let mut out = vec![doc];
    out.extend(doc.get("data"));
    for case in doc.as_array().into_iter().flatten() {
        out.push(case.get("data").unwrap_or(case));
    }
    out
}

/// Strings the parsers treat specially, and some that break naive code.
#[rustfmt::skip]
pub const TRICKY: &[&str] = &[
    "", " ", "0", "-0", "1", "1.5", "1.7e+09", "-1.5e-12", "NaN", "nan", "+Inf", "-Inf", "Inf",
    "inf", "infinity", "1e309", "-1e309", "1e-400", "0x10", " 1", "1 ", "1_000",
    "99999999999999999999999999", "18446744073709551616", "-9223372036854775809", "GAUGE",
    "COUNTER", "HISTOGRAM", "SUMMARY", "UNTYPED", "gauge", "unknown", "vector", "matrix",
    "scalar", "string", "success", "error", "up", "down", "1s", "15s", "1m30s", "1y", "0s",
    "2026-11-24T20:16:12.348817852Z", "0001-01-01T00:00:00Z", "2026-11-24T20:16:12+99:99",
    "job", "instance", "le", "quantile", "__name__", "é", "ü", "日本語", "🚀", "\u{0}", "\u{7f}",
    "\u{feff}", "\u{fffd}", "\u{10ffff}", "\u{200b}", "%", "%zz", "%C3", "%FF", "=", "&", "?",
    "#", "/", "\\", "\"", "'", "<", "<html>", "</", "<!--", "<head>", "&amp;", "\n", "\r\n", "\t",
];

/// Keys of both APIs' answers: arbitrary objects use them so parsers get past their first check.
#[rustfmt::skip]
pub const KEYS: &[&str] = &[
    "status", "data", "error", "errorType", "warnings", "infos", "labels",
    "last_push_successful", "push_time_seconds", "push_failure_time_seconds", "type", "help",
    "time_stamp", "metrics", "value", "buckets", "quantiles", "count", "sum", "job", "instance",
    "build_information", "version", "flags", "start_time", "result", "resultType", "metric",
    "values", "histogram", "histograms", "activeTargets", "droppedTargets", "scrapePool",
    "scrapeUrl", "scrapeInterval", "health", "lastError", "lastScrape", "lastScrapeDuration",
    "discoveredLabels", "__scrape_interval__", "0.1", "+Inf", "0.5", "NaN",
];

/// Any string, a tricky one, a number-like one, or a long repetition (up to ~100 KB).
pub fn tricky_string() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        4 => select(TRICKY).prop_map(str::to_owned),
        1 => "[-+0-9eE.InfNa]{0,24}",
        1 => (select(TRICKY), 1..25_000usize).prop_map(|(s, n)| s.repeat(n)),
    ]
}

pub fn key() -> impl Strategy<Value = String> {
    prop_oneof![3 => select(KEYS).prop_map(str::to_owned), 1 => tricky_string()]
}

pub fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        select(&[0.0, -0.0, 1e308, -1e308, 5e-324, 1.7e9][..]).prop_map(Value::from),
    ]
}

pub fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        2 => number(),
        4 => tricky_string().prop_map(Value::String),
    ]
}

/// Arbitrary JSON up to 4 levels deep whose object keys are mostly the APIs' own.
pub fn any_json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// One step into a JSON tree.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// A structural change at the node with this pre-order index (taken modulo the node count).
#[derive(Clone, Debug)]
pub enum Edit {
    /// Removes the node from its object or array.
    Delete(usize),
    Replace(usize, Value),
    /// Moves an object member to another key.
    Rename(usize, String),
    /// Inserts a copy beside an array element.
    Repeat(usize),
    /// Nests the node in this many arrays.
    Wrap(usize, u8),
}

/// A byte-level change; positions are taken modulo the length.
#[derive(Clone, Debug)]
pub enum ByteEdit {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
    /// Copies `len` bytes from `from` to `to`.
    Splice {
        from: usize,
        len: usize,
        to: usize,
    },
}

/// A fixture after structural edits, an optional duplicated key and byte edits.
#[derive(Clone)]
pub struct Mutant {
    pub fixture: usize,
    pub edits: Vec<Edit>,
    /// The member at this node index is written twice, the second time with this value.
    pub duplicate: Option<(usize, Value)>,
    pub bytes: Vec<ByteEdit>,
}

impl fmt::Debug for Mutant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mutant")
            .field("fixture", &FIXTURES[self.fixture].1)
            .field("edits", &self.edits)
            .field("duplicate", &self.duplicate)
            .field("bytes", &self.bytes)
            .finish()
    }
}

impl Mutant {
    /// The mutated body as an HTTP client would hand it over (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        let original = FIXTURES[self.fixture].2;
        let structural = match serde_json::from_str::<Value>(original) {
            Ok(mut v) if !self.edits.is_empty() || self.duplicate.is_some() => {
                for edit in &self.edits {
                    apply(&mut v, edit);
                }
                let mut out = String::new();
                write_json(&v, self.duplicate.as_ref(), &mut 0, &mut out);
                out
            }
            _ => original.to_owned(),
        };
        let mut bytes = structural.into_bytes();
        for edit in &self.bytes {
            apply_bytes(&mut bytes, edit);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The mutated document, if it still is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.text()).ok()
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    let node = any::<usize>();
    prop_oneof![
        3 => node.prop_map(Edit::Delete),
        4 => (node, replacement()).prop_map(|(n, v)| Edit::Replace(n, v)),
        1 => (node, key()).prop_map(|(n, k)| Edit::Rename(n, k)),
        1 => node.prop_map(Edit::Repeat),
        1 => (node, 1..=40u8).prop_map(|(n, d)| Edit::Wrap(n, d)),
    ]
}

/// What a node is replaced with: the wrong type, a huge value, or any JSON.
fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        2 => leaf(),
        1 => Just(Value::Array(Vec::new())),
        1 => Just(Value::Object(Map::new())),
        1 => (1..200_000usize).prop_map(|n| Value::String("9".repeat(n))),
        1 => any_json(),
    ]
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    let at = any::<usize>();
    prop_oneof![
        2 => at.prop_map(ByteEdit::Truncate),
        3 => (at, 1..=255u8).prop_map(|(i, x)| ByteEdit::Flip(i, x)),
        2 => (at, prop_oneof![
                prop::collection::vec(any::<u8>(), 1..8),
                select(TRICKY).prop_map(|s| s.as_bytes().to_vec()),
                select(&["{", "}", "[", "]", ",", ":", "\"", "\\u", "\\ud800", "null", "-"][..])
                    .prop_map(|s| s.as_bytes().to_vec()),
            ]).prop_map(|(i, b)| ByteEdit::Insert(i, b)),
        2 => (at, 1..64usize).prop_map(|(i, n)| ByteEdit::Remove(i, n)),
        1 => (at, 1..256usize, at).prop_map(|(from, len, to)| ByteEdit::Splice { from, len, to }),
    ]
}

/// Mutants of the given fixtures: mostly structural, sometimes byte-wise, sometimes both.
pub fn mutant(fixtures: Vec<usize>) -> impl Strategy<Value = Mutant> {
    let edits = prop::collection::vec(edit(), 0..4);
    let duplicate = prop::option::weighted(0.2, (any::<usize>(), replacement()));
    let bytes = prop_oneof![
        2 => Just(Vec::new()),
        1 => prop::collection::vec(byte_edit(), 1..4),
    ];
    (select(fixtures), edits, duplicate, bytes).prop_map(|(fixture, edits, duplicate, bytes)| {
        Mutant {
            fixture,
            edits,
            duplicate,
            bytes,
        }
    })
}

/// The paths of all nodes, pre-order (the root's is empty).
fn node_paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                here.push(Step::Index(i));
                node_paths(item, here, out);
                here.pop();
            }
        }
        Value::Object(members) => {
            for (k, item) in members {
                here.push(Step::Key(k.clone()));
                node_paths(item, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(mut v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    for step in path {
        v = match step {
            Step::Key(k) => v.as_object_mut()?.get_mut(k)?,
            Step::Index(i) => v.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(v)
}

fn apply(root: &mut Value, edit: &Edit) {
    let mut paths = Vec::new();
    node_paths(root, &mut Vec::new(), &mut paths);
    let (Edit::Delete(n)
    | Edit::Replace(n, _)
    | Edit::Rename(n, _)
    | Edit::Repeat(n)
    | Edit::Wrap(n, _)) = edit;
    let path = &paths[n % paths.len()];
    let (parent, last) = match path.split_last() {
        Some((last, parent)) => (parent, Some(last)),
        None => (&path[..], None),
    };
    match edit {
        Edit::Replace(_, v) => {
            if let Some(node) = at_mut(root, path) {
                *node = v.clone();
            }
        }
        Edit::Wrap(_, depth) => {
            if let Some(node) = at_mut(root, path) {
                for _ in 0..*depth {
                    *node = Value::Array(vec![node.take()]);
                }
            }
        }
        Edit::Delete(_) | Edit::Rename(..) | Edit::Repeat(_) => {
            let (Some(parent), Some(last)) = (at_mut(root, parent), last) else {
                return;
            };
            match (parent, last, edit) {
                (Value::Object(m), Step::Key(k), Edit::Delete(_)) => {
                    m.remove(k);
                }
                (Value::Object(m), Step::Key(k), Edit::Rename(_, to)) => {
                    if let Some(v) = m.remove(k) {
                        m.insert(to.clone(), v);
                    }
                }
                (Value::Array(a), Step::Index(i), Edit::Delete(_)) => {
                    a.remove(*i);
                }
                (Value::Array(a), Step::Index(i), Edit::Repeat(_)) => {
                    let copy = a[*i].clone();
                    a.insert(*i, copy);
                }
                _ => {}
            }
        }
    }
}

/// Compact JSON, except that the object member whose value is node `dup.0` is written twice,
/// the second time with `dup.1` (serde_json keeps the last of duplicated keys).
fn write_json(v: &Value, dup: Option<&(usize, Value)>, counter: &mut usize, out: &mut String) {
    *counter += 1;
    match v {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, dup, counter, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (k, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let key = Value::String(k.clone()).to_string();
                let item_index = *counter;
                out.push_str(&key);
                out.push(':');
                write_json(item, dup, counter, out);
                if let Some((n, second)) = dup {
                    if *n == item_index {
                        out.push(',');
                        out.push_str(&key);
                        out.push(':');
                        out.push_str(&second.to_string());
                    }
                }
            }
            out.push('}');
        }
        leaf => out.push_str(&leaf.to_string()),
    }
}

fn apply_bytes(bytes: &mut Vec<u8>, edit: &ByteEdit) {
    let len = bytes.len();
    let at = |i: usize| if len == 0 { 0 } else { i % (len + 1) };
    match edit {
        ByteEdit::Truncate(i) => bytes.truncate(at(*i)),
        ByteEdit::Flip(i, x) => {
            if len > 0 {
                bytes[i % len] ^= x;
            }
        }
        ByteEdit::Insert(i, b) => {
            let i = at(*i);
            bytes.splice(i..i, b.iter().copied());
        }
        ByteEdit::Remove(i, n) => {
            let i = at(*i);
            bytes.drain(i..(i + n).min(len));
        }
        ByteEdit::Splice { from, len: n, to } => {
            let from = at(*from);
            let piece = bytes[from..(from + n).min(len)].to_vec();
            let to = at(*to);
            bytes.splice(to..to, piece);
        }
    }
}

//! `GroupKey::from_labels` and `path()` on arbitrary label maps: no panic, and a path made only
//! of URL-safe characters that decodes back to exactly the labels.

use super::harness::{fuzz, Outcome};
use super::json::tricky_string;
use base64::engine::general_purpose::URL_SAFE;
use base64::Engine as _;
use gatewatch_core::gateway::grouping_key::{GroupKey, GroupKeyError};
use gatewatch_core::gateway::model::Labels;
use gatewatch_core::prometheus::promql::is_label_name;
use proptest::prelude::*;
use proptest::sample::select;

fn label_name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-zA-Z_][a-zA-Z0-9_]{0,12}",
        2 => select(&["job", "instance", "le", "_", "__name__", "__x", "a-b", "1a", "é", ""][..])
            .prop_map(str::to_owned),
        1 => tricky_string(),
    ]
}

pub fn label_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        3 => tricky_string(),
        1 => Just(String::new()),
        1 => (any::<char>(), 1..10_000usize).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

fn label_map() -> impl Strategy<Value = Labels> {
    (
        prop::collection::btree_map(label_name(), label_value(), 0..10),
        prop_oneof![
            6 => label_value().prop_map(Some),
            1 => Just(Some(String::new())),
            1 => Just(None),
        ],
    )
        .prop_map(|(mut labels, job)| {
            labels.remove("job");
            if let Some(job) = job {
                labels.insert("job".into(), job);
            }
            labels
        })
}

fn decode(segment: &str) -> String {
    if segment == "=" {
        return String::new();
    }
    let bytes = URL_SAFE
        .decode(segment)
        .expect("the path holds valid base64");
    String::from_utf8(bytes).expect("the path holds UTF-8")
}

/// `from_labels` refuses for the reason it names; a key's path is URL-safe and decodes back.
pub fn check_labels(labels: &Labels) -> Outcome {
    let key = match GroupKey::from_labels(labels) {
        Ok(key) => key,
        Err(e) => {
            let _ = e.to_string();
            match e {
                GroupKeyError::MissingJob => prop_assert!(!labels.contains_key("job")),
                GroupKeyError::EmptyJob => prop_assert_eq!(labels["job"].as_str(), ""),
                GroupKeyError::InvalidLabelName(n) => prop_assert!(!is_label_name(&n)),
                GroupKeyError::ReservedLabelName(n) => prop_assert!(n.starts_with("__")),
            }
            return Ok(());
        }
    };
    let path = key.path();
    prop_assert!(
        path.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_=@/".contains(&b)),
        "not URL-safe: {path}"
    );
    let _ = (key.display(), key.to_string());
    // /metrics/job@base64/<job>/<name>@base64/<value>…: job first, the rest by name.
    let rest = path
        .strip_prefix("/metrics/")
        .expect("starts with /metrics/");
    let segments: Vec<&str> = rest.split('/').collect();
    prop_assert_eq!(segments.len() % 2, 0);
    let mut decoded = Labels::new();
    let mut names = Vec::new();
    for pair in segments.chunks(2) {
        let name = pair[0].strip_suffix("@base64").expect("name@base64");
        prop_assert!(is_label_name(name), "{name}");
        names.push(name);
        prop_assert!(!pair[1].is_empty());
        decoded.insert(name.to_owned(), decode(pair[1]));
    }
    prop_assert_eq!(names[0], "job");
    prop_assert!(names[1..].windows(2).all(|w| w[0] < w[1]), "{path}");
    prop_assert_eq!(&decoded, labels);
    prop_assert_eq!(&key.labels(), labels);
    Ok(())
}

#[test]
fn group_key_paths_are_url_safe_and_exact() {
    fuzz("group_key_path", label_map(), |labels| {
        check_labels(&labels)
    });
}

//! Saved settings: any localStorage text loads without a panic, and what loads survives a save.

use super::harness::{fuzz, Outcome};
use super::json::{any_json, leaf, tricky_string};
use gatewatch_core::settings::{normalize_base_url, parse_gateway_list, Settings};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Value};

fn base_url() -> impl Strategy<Value = String> {
    let prefix = select(
        &[
            "", "/", "http://", "https://", "HTTP://", "ftp://", " /", "//",
        ][..],
    );
    prop_oneof![
        3 => (prefix, tricky_string(), select(&["", "/", "//", "?x", "#f", " "][..]))
            .prop_map(|(p, s, t)| format!("{p}{s}{t}")),
        1 => tricky_string(),
    ]
}

fn settings_json() -> impl Strategy<Value = String> {
    let field = |s: BoxedStrategy<Value>| prop::option::of(prop_oneof![4 => s, 1 => leaf()]);
    let url = || base_url().prop_map(Value::from).boxed();
    let secs = prop_oneof![any::<f64>().prop_map(|f| json!(f)), leaf()].boxed();
    let per_job = prop::collection::btree_map(tricky_string(), any::<f64>(), 0..4)
        .prop_map(|m| json!(m))
        .boxed();
    let theme = select(&["system", "light", "dark", "Dark", ""][..])
        .prop_map(Value::from)
        .boxed();
    let gateways = prop::collection::vec(
        prop_oneof![4 => base_url().prop_map(Value::from), 1 => leaf()],
        0..4,
    )
    .prop_map(Value::Array)
    .boxed();
    prop_oneof![
        4 => (
            (field(url()), field(url()), field(gateways), field(url())),
            (field(theme), field(secs), field(per_job)),
        )
            .prop_map(|((p, g, more, ui), (theme, secs, per_job))| {
                let mut o = json!({});
                for (k, v) in [
                    ("prometheus_base", p),
                    ("pushgateway_base", g),
                    ("more_pushgateways", more),
                    ("prometheus_ui", ui),
                    ("theme", theme),
                    ("stale_after_secs", secs),
                    ("per_job_stale_secs", per_job),
                ] {
                    if let Some(v) = v {
                        o[k] = v;
                    }
                }
                o.to_string()
            }),
        1 => any_json().prop_map(|v| v.to_string()),
        1 => tricky_string(),
    ]
}

/// Loading never panics, and settings that loaded load the same after a save.
pub fn check_settings(text: &str) -> Outcome {
    let loaded = Settings::from_json(text);
    prop_assert!(loaded.stale_after_secs.is_finite() && loaded.stale_after_secs > 0.0);
    let gateways = loaded.gateways();
    prop_assert_eq!(gateways.first(), Some(&loaded.pushgateway_base));
    // serde_json's `float_roundtrip`: every float reads back bit for bit.
    prop_assert_eq!(Settings::from_json(&loaded.to_json()), loaded);
    Ok(())
}

/// A normalized URL has no trailing slash, query or fragment, and is accepted again unchanged.
pub fn check_base_url(input: &str) -> Outcome {
    if let Ok(url) = normalize_base_url(input) {
        prop_assert!(
            !url.ends_with('/') && !url.contains(['?', '#', ' ']),
            "{url:?}"
        );
        // "" is the root (from "/"): refused as typed input, accepted by Settings::from_json.
        if !url.is_empty() {
            prop_assert_eq!(normalize_base_url(&url), Ok(url.clone()));
        }
    }
    Ok(())
}

/// A gateway list typed one URL per line parses to normalized URLs that survive a save.
pub fn check_gateway_list(text: &str) -> Outcome {
    if let Ok(list) = parse_gateway_list(text) {
        for url in &list {
            check_base_url(url)?;
        }
        let settings = Settings {
            more_pushgateways: list,
            ..Settings::default()
        };
        prop_assert_eq!(Settings::from_json(&settings.to_json()), settings);
    }
    Ok(())
}

#[test]
fn saved_settings_load_and_survive_a_save() {
    fuzz("settings_from_json", settings_json(), |text| {
        check_settings(&text)
    });
}

#[test]
fn base_urls_normalize_once() {
    fuzz("normalize_base_url", base_url(), |input| {
        check_base_url(&input)
    });
}

#[test]
fn gateway_lists_survive_a_save() {
    let lines = prop::collection::vec(
        prop_oneof![3 => base_url(), 1 => select(&["", " ", "\t"][..]).prop_map(str::to_owned)],
        0..5,
    );
    let text = (lines, select(&["\n", "\r\n", "\r", "\u{2028}"][..]))
        .prop_map(|(lines, sep)| lines.join(sep));
    fuzz("parse_gateway_list", text, |text| check_gateway_list(&text));
}

//! Unit tests of `crate::settings::stored`.

use super::*;
use crate::gateway::freshness::DEFAULT_STALE_AFTER_SECS;
use crate::http::backoff::Backoff;
use crate::settings::DEFAULT_PROMETHEUS_BASE;

#[test]
fn settings_round_trip_and_survive_garbage() {
    let s = Settings {
        prometheus_base: "http://p:9090".into(),
        pushgateway_base: "/gw".into(),
        more_pushgateways: vec!["/pushgateway-2".into()],
        prometheus_ui: "https://prom.example".into(),
        theme: Theme::Dark,
        stale_after_secs: 120.0,
        per_job_stale_secs: [("u/admin/daily".to_string(), 90_000.0)].into(),
        per_job_schedules: [
            (
                "u/admin/daily".to_string(),
                SetSchedule::cron("0 30 6 * * 1-5", "5m").unwrap(),
            ),
            (
                "f/\"q\"/ü%".to_string(),
                SetSchedule::every("2s", "").unwrap(),
            ),
        ]
        .into(),
        retry_base_secs: 0.25,
        retry_max_secs: 4.0,
    };
    assert_eq!(Settings::from_json(&s.to_json()), s);
    assert_eq!(Settings::from_json("{not json"), Settings::default());
    assert_eq!(Settings::from_json("null"), Settings::default());
    // A field of the wrong type falls back alone; the rest of what was saved stays.
    let mixed = Settings::from_json(
        r#"{"theme":"dark","stale_after_secs":"soon","more_pushgateways":["/b",3],
            "per_job_stale_secs":{"a":"x","b/é":60},"prometheus_base":7}"#,
    );
    assert_eq!(mixed.theme, Theme::Dark);
    assert_eq!(mixed.stale_after_secs, Settings::default().stale_after_secs);
    assert_eq!(mixed.more_pushgateways, ["/b"]);
    assert_eq!(mixed.per_job_stale_secs, [("b/é".to_string(), 60.0)].into());
    assert_eq!(mixed.prometheus_base, DEFAULT_PROMETHEUS_BASE);
    let partial = Settings::from_json(r#"{"theme":"light","prometheus_base":"nope"}"#);
    assert_eq!(partial.theme, Theme::Light);
    assert_eq!(partial.prometheus_base, DEFAULT_PROMETHEUS_BASE);
    let bad = Settings::from_json(r#"{"stale_after_secs":-1,"per_job_stale_secs":{"a":0,"b":60}}"#);
    assert_eq!(bad.stale_after_secs, DEFAULT_STALE_AFTER_SECS);
    assert_eq!(bad.per_job_stale_secs.len(), 1);
    assert_eq!(bad.thresholds().for_job("b"), 60.0);
    let retry = Settings::from_json(r#"{"retry_base_secs":-1,"retry_max_secs":0}"#);
    assert_eq!(retry.backoff(), Backoff::DEFAULT);
    assert_eq!((retry.retry_base_secs, retry.retry_max_secs), (1.0, 30.0));
    let slow_max = Settings::from_json(r#"{"retry_base_secs":2,"retry_max_secs":0.5}"#);
    assert_eq!(
        (slow_max.retry_base_secs, slow_max.retry_max_secs),
        (2.0, 2.0)
    );
}

#[test]
fn a_bad_saved_schedule_falls_back_alone() {
    let saved = Settings::from_json(
        r#"{"per_job_schedules":{
            "ok":{"kind":"every","period_secs":60,"grace_secs":5},
            "cron":{"kind":"cron","pattern":"*/5 * * * *","grace_secs":0},
            "bad cron":{"kind":"cron","pattern":"61 * * * *","grace_secs":0},
            "no period":{"kind":"every","period_secs":0,"grace_secs":0},
            "negative grace":{"kind":"every","period_secs":60,"grace_secs":-1},
            "unknown kind":{"kind":"weekly"},
            "not an object":3},
          "theme":"dark"}"#,
    );
    assert_eq!(
        saved.per_job_schedules.keys().collect::<Vec<_>>(),
        ["cron", "ok"]
    );
    assert_eq!(saved.theme, Theme::Dark);
    let wrong_type = Settings::from_json(r#"{"per_job_schedules":[1],"theme":"dark"}"#);
    assert!(wrong_type.per_job_schedules.is_empty());
    assert_eq!(wrong_type.theme, Theme::Dark);
}

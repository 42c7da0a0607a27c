//! Unit tests of `crate::settings::form`.

use super::*;
use std::collections::BTreeMap;

#[test]
fn the_fields_of_settings_apply_back_to_the_same_settings() {
    let mut settings = Settings {
        more_pushgateways: vec!["/pushgateway-2".into(), "http://gw:9091".into()],
        stale_after_secs: 90.0,
        per_job_stale_secs: BTreeMap::from([("u/admin/job".to_string(), 60.0)]),
        ..Settings::default()
    };
    settings.theme = Theme::Dark;
    let form = SettingsForm::of(&settings);
    assert_eq!(form.stale_minutes, "1.5");
    assert_eq!(form.more_gateways, "/pushgateway-2\nhttp://gw:9091");
    assert_eq!(form.apply(&settings), Ok(settings));
}

#[test]
fn typed_values_are_normalized_and_hidden_settings_kept() {
    let current = Settings {
        per_job_stale_secs: BTreeMap::from([("j".to_string(), 30.0)]),
        ..Settings::default()
    };
    let form = SettingsForm {
        prometheus_base: " http://prom:9090/ ".into(),
        stale_minutes: "10".into(),
        more_gateways: "\n/pg2\n\n".into(),
        ..SettingsForm::of(&current)
    };
    let next = form.apply(&current).expect("valid");
    assert_eq!(next.prometheus_base, "http://prom:9090");
    assert_eq!(next.stale_after_secs, 600.0);
    assert_eq!(next.more_pushgateways, vec!["/pg2".to_string()]);
    assert_eq!(next.per_job_stale_secs, current.per_job_stale_secs);
}

#[test]
fn the_first_bad_field_is_named() {
    let current = Settings::default();
    let with = |change: fn(&mut SettingsForm)| {
        let mut form = SettingsForm::of(&current);
        change(&mut form);
        form.apply(&current).unwrap_err()
    };
    assert!(with(|f| f.prometheus_base = String::new()).starts_with("Prometheus base URL: "));
    assert!(with(|f| f.pushgateway_base = "a b".into()).starts_with("Pushgateway base URL: "));
    assert!(with(|f| f.stale_minutes = "ten".into()).starts_with("Stale after: "));
    assert!(with(|f| f.stale_minutes = "0".into()).starts_with("Stale after: "));
    assert!(with(|f| f.prometheus_ui = "/ui?x".into()).starts_with("Prometheus UI URL: "));
    assert!(with(|f| f.more_gateways = "/ok\nbad url".into()).starts_with("More gateways: "));
    let both_bad = with(|f| {
        f.prometheus_base = String::new();
        f.stale_minutes = "x".into();
    });
    assert!(both_bad.starts_with("Prometheus base URL"), "{both_bad}");
}

#[test]
fn minutes_read_as_typed() {
    assert_eq!(format_minutes(600.0), "10");
    assert_eq!(format_minutes(90.0), "1.5");
}

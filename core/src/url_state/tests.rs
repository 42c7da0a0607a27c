//! URL state round trips, including values with '&', '=', '%', '+', quotes and unicode.

use super::*;

#[test]
fn charts_state_round_trips() {
    let state = ChartsState {
        metric: "job_records_processed".into(),
        jobs: vec![
            "u/admin/random_number_metric_script".into(),
            "a&b=c%d+e \"ü\"".into(),
        ],
        range: TimeRange::Between {
            start: 1_700_000_000.0,
            end: 1_700_086_400.0,
        },
        min_step: Some(5.0),
        gated: true,
    };
    let query = state.to_query();
    assert!(!query.contains(' ') && !query.contains('"'), "{query}");
    assert_eq!(ChartsState::from_query(&query), state);
    assert_eq!(ChartsState::from_query(&format!("?{query}")), state);
}

#[test]
fn defaults_fill_in_missing_and_bad_values() {
    assert_eq!(ChartsState::from_query(""), ChartsState::default());
    let s = ChartsState::from_query("metric=&range=bogus&min_step=-1&gated=yes&job=x&job=x&zzz=1");
    assert_eq!(s.metric, DEFAULT_METRIC);
    assert_eq!(s.range, TimeRange::default());
    assert_eq!(s.min_step, None);
    assert!(!s.gated);
    assert_eq!(s.jobs, vec!["x"], "duplicates collapse");
}

#[test]
fn min_steps_are_positive_finite_seconds() {
    // The step field and the URL read it alike.
    for (text, want) in [
        ("5", Some(5.0)),
        (" 0.25 ", Some(0.25)),
        ("1e3", Some(1000.0)),
    ] {
        assert_eq!(parse_min_step(text), want, "{text:?}");
    }
    for text in ["", "0", "-1", "-0", "inf", "NaN", "5s", "1,5"] {
        assert_eq!(parse_min_step(text), None, "{text:?}");
    }
}

#[test]
fn explore_state_round_trips() {
    let state = ExploreState {
        expr: "sum by (job) (rate(x{a=\"1&2\"}[5m])) / 2 + 1".into(),
        range: TimeRange::Last(900.0),
        table: true,
    };
    assert_eq!(ExploreState::from_query(&state.to_query()), state);
    assert_eq!(
        ExploreState::from_query("expr=up"),
        ExploreState {
            expr: "up".into(),
            ..Default::default()
        }
    );
}

#[test]
fn decoding_never_fails() {
    assert_eq!(decode_component("a+b%20c"), "a b c");
    assert_eq!(decode_component("100%"), "100%");
    assert_eq!(decode_component("%zz%4"), "%zz%4");
    assert_eq!(decode_component("%C3%BC"), "ü");
    assert_eq!(decode_component("%FF"), "\u{FFFD}");
    assert_eq!(
        parse_query("?a=1&&b&c=%3D"),
        vec![
            ("a".to_string(), "1".to_string()),
            ("b".to_string(), String::new()),
            ("c".to_string(), "=".to_string()),
        ]
    );
}

#[test]
fn a_state_links_to_its_own_page() {
    let charts = ChartsState {
        jobs: vec!["u/admin/a b".into()],
        ..ChartsState::default()
    };
    assert_eq!(charts.href(), format!("/charts?{}", charts.to_query()));
    assert!(
        charts.href().contains("job=u%2Fadmin%2Fa%20b"),
        "{}",
        charts.href()
    );
    let explore = ExploreState::default();
    assert_eq!(explore.href(), format!("/explore?{}", explore.to_query()));
}

#[test]
fn job_state_round_trips_odd_job_names() {
    for job in [
        "u/admin/random_number_metric_script",
        "a b&c=d%/é",
        "say \"hi\"",
        "",
    ] {
        let state = JobState {
            job: job.to_string(),
            range: TimeRange::Last(6.0 * 3600.0),
            metric: job.to_string(),
        };
        let href = state.href();
        assert!(href.starts_with("/job?job="), "{href}");
        assert_eq!(JobState::from_query(href.split_once('?').unwrap().1), state);
    }
    assert_eq!(JobState::from_query("range=bogus&x=1"), JobState::default());
}

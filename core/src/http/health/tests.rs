//! Badge states, which read outcomes make a report, and which reports make a badge check.

use super::*;

fn down(backend: Backend) -> ApiError {
    ApiError::Unreachable {
        backend,
        detail: "connection refused".into(),
    }
}

fn bad_query() -> ApiError {
    ApiError::Api {
        backend: Backend::Prometheus,
        error_type: "bad_data".into(),
        message: "parse error".into(),
    }
}

#[test]
fn the_badge_shows_the_latest_check() {
    assert_eq!(Badge::from_checks(false, false), Badge::Checking);
    assert_eq!(Badge::from_checks(true, false), Badge::Up);
    assert_eq!(Badge::from_checks(true, true), Badge::Down);
    assert_eq!(Badge::from_checks(false, true), Badge::Down);
}

#[test]
fn failures_time_can_fix_report_their_backend() {
    let gateway = down(Backend::Pushgateway);
    assert_eq!(
        report(None, Err(&gateway)),
        Some((Backend::Pushgateway, Report::Failed))
    );
    let starting = ApiError::Http {
        backend: Backend::Prometheus,
        status: 503,
        body_excerpt: "Service Unavailable".into(),
    };
    assert_eq!(
        report(Some(&gateway), Err(&starting)),
        Some((Backend::Prometheus, Report::Failed))
    );
    let cut_off = ApiError::Malformed {
        backend: Backend::Pushgateway,
        detail: "invalid JSON: the answer is cut off after 4096 bytes".into(),
    };
    assert_eq!(
        report(None, Err(&cut_off)),
        Some((Backend::Pushgateway, Report::Failed))
    );
}

#[test]
fn errors_from_a_backend_that_answers_report_nothing() {
    assert_eq!(report(None, Err(&bad_query())), None);
    let not_found = ApiError::Http {
        backend: Backend::Pushgateway,
        status: 404,
        body_excerpt: "Not Found".into(),
    };
    assert_eq!(report(None, Err(&not_found)), None);
    assert_eq!(
        report(Some(&bad_query()), Ok(())),
        None,
        "a fixed query is no recovery"
    );
}

#[test]
fn an_answer_after_a_failure_reports_the_recovery() {
    assert_eq!(
        report(Some(&down(Backend::Prometheus)), Ok(())),
        Some((Backend::Prometheus, Report::Recovered))
    );
    assert_eq!(report(None, Ok(())), None, "answers as usual: nothing new");
}

#[test]
fn a_badge_checks_at_once_only_when_a_report_contradicts_it() {
    assert!(recheck_now(Badge::Up, Report::Failed));
    assert!(recheck_now(Badge::Down, Report::Recovered));
    assert!(
        !recheck_now(Badge::Down, Report::Failed),
        "already red: its backoff retries"
    );
    assert!(!recheck_now(Badge::Up, Report::Recovered));
    assert!(
        !recheck_now(Badge::Checking, Report::Failed),
        "its first check runs"
    );
    assert!(!recheck_now(Badge::Checking, Report::Recovered));
}

#[test]
fn the_gateway_badge_checks_every_gateway_and_names_the_failing_one() {
    let up = |base: &str, version: Option<&str>| (base.to_string(), Ok(version.map(String::from)));
    assert_eq!(
        gateways_check(vec![up("/pushgateway", Some("1.5.1"))]).unwrap(),
        "1.5.1"
    );
    assert_eq!(
        gateways_check(vec![up("/pushgateway", None)]).unwrap(),
        "version unknown"
    );
    assert_eq!(
        gateways_check(vec![up("/a", Some("1.5.1")), up("/b", Some("1.5.1"))]).unwrap(),
        "1.5.1 on 2 gateways"
    );
    assert_eq!(
        gateways_check(vec![up("/a", Some("1.5.1")), up("/b", Some("1.4.0"))]).unwrap(),
        "1.5.1, 1.4.0 on 2 gateways"
    );

    // One gateway: its error as it is (the badge already names the Pushgateway).
    let alone = gateways_check(vec![(
        "/pushgateway".into(),
        Err(down(Backend::Pushgateway)),
    )]);
    assert_eq!(alone.unwrap_err(), down(Backend::Pushgateway));

    // Several: the first failure, naming its gateway, whatever kind of error it is.
    let second_down = gateways_check(vec![
        up("/pushgateway", Some("1.5.1")),
        ("/pushgateway-2 ü%".into(), Err(down(Backend::Pushgateway))),
    ])
    .unwrap_err();
    assert_eq!(second_down.backend(), Backend::Pushgateway);
    assert_eq!(
        second_down.to_string(),
        "Cannot reach Pushgateway: gateway /pushgateway-2 ü%: connection refused"
    );
    let http = ApiError::Http {
        backend: Backend::Pushgateway,
        status: 502,
        body_excerpt: String::new(),
    };
    let bad_gateway =
        gateways_check(vec![("/a".into(), Err(http.clone())), up("/b", None)]).unwrap_err();
    assert_eq!(
        bad_gateway.to_string(),
        "Pushgateway answered HTTP 502: gateway /a"
    );
    assert_eq!(
        bad_gateway.advice(),
        http.advice(),
        "same advice as the bare error"
    );
}

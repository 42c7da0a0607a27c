//! Tests of the job chart PromQL: selectors, label modes, escaping and the window rule.

use super::*;

fn query(jobs: &[&str], mode: JobLabel) -> JobQuery {
    JobQuery {
        metric: "job_records_processed".into(),
        jobs: jobs.iter().map(|j| j.to_string()).collect(),
        job_label: mode,
        extra_group_labels: vec![],
    }
}

#[test]
fn raw_selects_the_jobs_by_the_detected_label() {
    assert_eq!(
        query(&["u/admin/random_number_metric_script"], JobLabel::Exported).raw(),
        r#"job_records_processed{exported_job="u/admin/random_number_metric_script"}"#
    );
    assert_eq!(
        query(&["a/b", "c.d"], JobLabel::Honored).raw(),
        r#"job_records_processed{job=~"a/b|c\\.d"}"#
    );
}

#[test]
fn job_values_are_escaped() {
    let q = query(&["we\"ird\\path\nx"], JobLabel::Exported);
    assert_eq!(
        q.raw(),
        r#"job_records_processed{exported_job="we\"ird\\path\nx"}"#
    );
}

#[test]
fn irate_adjusted_multiplies_by_a_bool_instead_of_dividing() {
    let mut q = query(&["u/admin/x"], JobLabel::Exported);
    q.extra_group_labels = vec!["tag".into(), "instance".into()];
    assert_eq!(
        q.irate_adjusted(2.0),
        "job_records_processed{exported_job=\"u/admin/x\"} \
         * on(job, instance, exported_job, exported_instance, tag) group_left() \
         (irate(push_time_seconds{exported_job=\"u/admin/x\"}[2s]) > bool 0)"
    );
    assert!(
        !q.irate_adjusted(2.0).contains(" / "),
        "no division: it turns zero into NaN"
    );
}

#[test]
fn freshness_gated_compares_the_push_age_with_the_expected_interval() {
    let q = query(&["u/admin/x"], JobLabel::Honored);
    let p = "push_time_seconds{job=\"u/admin/x\"}";
    assert_eq!(
        q.freshness_gated(3.0, Dialect::PromQl),
        format!(
            "job_records_processed{{job=\"u/admin/x\"}} * on(job, instance) group_left() \
             (time() - {p} < bool 3 * ((max_over_time({p}[1h]) - min_over_time({p}[1h])) / changes({p}[1h])))"
        )
    );
    assert_eq!(
        q.freshness_gated(3.0, Dialect::MetricsQl),
        q.freshness_gated(3.0, Dialect::PromQl)
            .replace(" / changes(", " / changes_prometheus("),
        "on VictoriaMetrics only the change count differs"
    );
}

#[test]
fn the_irate_window_holds_two_scrapes() {
    assert_eq!(irate_window(1.0), 2.0);
    assert_eq!(irate_window(15.0), 30.0);
    assert_eq!(irate_window(0.2), 2.0, "never below 2 s");
    assert_eq!(duration(2.0), "2s");
    assert_eq!(duration(1.5), "1500ms");
    assert_eq!(duration(0.0), "1ms");
}

use crate::gateway::model::labels_from_pairs as labels;

#[test]
fn the_job_label_is_detected_from_push_time_series() {
    let tutorial = vec![labels(&[
        ("job", "prometheus_gateway"),
        ("exported_job", "u/a"),
    ])];
    assert_eq!(detect_job_label(&tutorial), JobLabel::Exported);
    let honored = vec![labels(&[("job", "u/a"), ("instance", "")])];
    assert_eq!(detect_job_label(&honored), JobLabel::Honored);
    assert_eq!(
        detect_job_label(&[]),
        JobLabel::Exported,
        "no series yet: the tutorial's setup"
    );
    assert_eq!(
        JobLabel::Exported.prometheus_name("instance"),
        "exported_instance"
    );
    assert_eq!(JobLabel::Honored.prometheus_name("instance"), "instance");
    assert_eq!(JobLabel::Exported.prometheus_name("tag"), "tag");
}

fn target(pool: &str, instance: &str, interval: f64) -> Target {
    Target {
        scrape_pool: pool.into(),
        scrape_url: format!("http://{instance}/metrics"),
        labels: labels(&[("instance", instance), ("job", pool)]),
        health: "up".into(),
        last_error: String::new(),
        last_scrape: String::new(),
        last_scrape_duration: 0.001,
        scrape_interval: Some(interval),
    }
}

#[test]
fn the_gateway_target_is_found_by_instance_or_name() {
    let targets = vec![
        target("prometheus", "localhost:9090", 15.0),
        target("pgw", "gw:9091", 1.0),
    ];
    let series = vec![labels(&[("exported_job", "u/a"), ("instance", "gw:9091")])];
    assert_eq!(gateway_scrape_interval(&targets, &series), Some(1.0));
    let named = vec![
        target("prometheus", "localhost:9090", 15.0),
        target("prometheus_gateway", "x:1", 5.0),
    ];
    assert_eq!(gateway_scrape_interval(&named, &[]), Some(5.0));
    assert_eq!(gateway_scrape_interval(&targets[..1], &[]), None);
}

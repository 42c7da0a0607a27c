//! Unit tests of `crate::charts::job_catalog`.

use super::*;
use crate::gateway::model::{MetricFamily, MetricKind};

fn group(labels: &[(&str, &str)], families: &[&str]) -> GatewayGroup {
    GatewayGroup {
        labels: labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        last_push_successful: true,
        push_time: Some(1.0),
        push_failure_time: None,
        families: families
            .iter()
            .map(|n| MetricFamily {
                name: n.to_string(),
                kind: MetricKind::Gauge,
                help: None,
                time_stamp: None,
                samples: vec![],
            })
            .collect(),
    }
}

#[test]
fn the_catalog_lists_what_jobs_push() {
    let groups = vec![
        group(
            &[("job", "u/a")],
            &["job_records_processed", "push_time_seconds"],
        ),
        group(
            &[("job", "f/b"), ("tag", "x")],
            &["job_records_processed", "push_failure_time_seconds"],
        ),
        group(
            &[("job", "f/b"), ("tag", "y"), ("instance", "w1")],
            &["pages"],
        ),
    ];
    assert_eq!(
        metric_names(&groups),
        vec!["job_records_processed", "pages"]
    );
    assert_eq!(
        jobs_with_metric(&groups, "job_records_processed"),
        vec!["f/b", "u/a"]
    );
    assert_eq!(jobs_with_metric(&groups, "nope"), Vec::<String>::new());
    assert_eq!(
        extra_group_labels(&groups, &["f/b".to_string()]),
        vec!["instance", "tag"]
    );
    assert!(extra_group_labels(&groups, &["u/a".to_string()]).is_empty());
    assert_eq!(
        metrics_of_job(&groups, "f/b"),
        vec!["job_records_processed", "pages"]
    );
    assert!(metrics_of_job(&groups, "u").is_empty());
}

#[test]
fn the_job_page_charts_the_wanted_metric_or_a_sensible_one() {
    let metrics = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let both = metrics(&["a_metric", "job_records_processed", "pages"]);
    assert_eq!(pick_metric(&both, "pages").as_deref(), Some("pages"));
    assert_eq!(
        pick_metric(&both, "gone").as_deref(),
        Some("job_records_processed")
    );
    assert_eq!(pick_metric(&metrics(&["b", "a"]), "").as_deref(), Some("b"));
    assert_eq!(pick_metric(&[], "pages"), None);
}

//! Unit tests of `crate::schedule::history`.

use super::*;
use crate::prometheus::model::RangeSeries;
use crate::prometheus::promql::Matcher;

fn series(pairs: &[(&str, &str)], values: &[(f64, f64)]) -> RangeSeries {
    RangeSeries {
        metric: pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        values: values.to_vec(),
    }
}

#[test]
fn short_ranges_are_exact_and_long_ones_per_step() {
    assert_eq!(Resolution::for_range(3600.0, 5.0), Resolution::Exact);
    assert_eq!(
        Resolution::for_range(7.0 * 86_400.0, 600.0),
        Resolution::PerStep(600.0)
    );
    assert!(Resolution::PerStep(600.0).describe().contains("10m"));
}

#[test]
fn one_query_reads_both_families_of_every_group() {
    assert_eq!(
        raw_runs_expr(3600.0, &[]),
        r#"{__name__=~"push_time_seconds|push_failure_time_seconds"}[3600s]"#
    );
    // One branch per family, each named again; a group's first push counted where its
    // series begins.
    let branch = |changes: &str, family: &str, window: &str| {
        let s = family;
        format!(
            r#"label_replace(({changes}({s}[{window}]) + (clamp(min_over_time({s}[{window}]) > 0, 1, 1) unless ignoring(__name__) {s} offset {window})) or {changes}({s}[{window}]), "gatewatch_family", "{family}", "", "")"#
        )
    };
    assert_eq!(
        runs_per_step_expr(600.0, 15.0, Dialect::MetricsQl, &[]),
        format!(
            "{} or {}",
            branch("changes_prometheus", "push_time_seconds", "615s"),
            branch("changes_prometheus", "push_failure_time_seconds", "615s")
        )
    );
    assert_eq!(
        runs_per_step_expr(60.0, 1.0, Dialect::PromQl, &[]),
        format!(
            "{} or {}",
            branch("changes", "push_time_seconds", "61s"),
            branch("changes", "push_failure_time_seconds", "61s")
        )
    );
}

#[test]
fn one_job_is_selected_with_its_label_escaped() {
    let job = [Matcher::eq("exported_job", "u/admin/\"quoted\" ✓")];
    assert_eq!(
        raw_runs_expr(60.0, &job),
        r#"{__name__=~"push_time_seconds|push_failure_time_seconds",exported_job="u/admin/\"quoted\" ✓"}[60s]"#
    );
}

#[test]
fn series_are_gathered_per_group_in_either_label_mode() {
    let result = QueryResult::Matrix(vec![
        series(
            &[
                ("__name__", "push_time_seconds"),
                ("exported_job", "u/a"),
                ("job", "pushgateway"),
                ("instance", "gw:9091"),
            ],
            &[(10.0, 5.0), (11.0, 5.0)],
        ),
        series(
            &[
                ("__name__", "push_failure_time_seconds"),
                ("exported_job", "u/a"),
                ("job", "pushgateway"),
                ("instance", "gw:9091"),
            ],
            &[(10.0, 7.0)],
        ),
        series(
            &[("__name__", "push_time_seconds"), ("job", "u/b")],
            &[(10.0, 3.0)],
        ),
        series(&[("__name__", "up"), ("job", "u/c")], &[(10.0, 1.0)]),
    ]);
    let all = histories(&result).unwrap();
    assert_eq!(all.len(), 2, "{all:?}");
    let a = all
        .iter()
        .find(|h| h.labels.get("job").map(String::as_str) == Some("u/a"))
        .unwrap();
    assert_eq!(a.ok, vec![(10.0, 5.0), (11.0, 5.0)]);
    assert_eq!(a.failed, vec![(10.0, 7.0)]);
    assert_eq!(
        histories(&QueryResult::Scalar(1.0, 1.0)).unwrap_err(),
        "the history query answered a scalar instead of a matrix"
    );
}

#[test]
fn counts_per_step_are_told_apart_by_their_family_label() {
    // What the per-step query answers: no metric names, one series per family and group.
    let result = QueryResult::Matrix(vec![
        series(
            &[
                (FAMILY_LABEL, "push_time_seconds"),
                ("exported_job", "u/a"),
                ("job", "pg"),
            ],
            &[(900.0, 14.0)],
        ),
        series(
            &[
                (FAMILY_LABEL, "push_failure_time_seconds"),
                ("exported_job", "u/a"),
                ("job", "pg"),
            ],
            &[(900.0, 2.0)],
        ),
    ]);
    let all = histories(&result).unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(
        all[0].labels,
        Labels::from([("job".to_string(), "u/a".to_string())])
    );
    assert_eq!(
        (all[0].ok.clone(), all[0].failed.clone()),
        (vec![(900.0, 14.0)], vec![(900.0, 2.0)])
    );
}

#[test]
fn a_job_history_is_raw_up_to_6h_and_counted_per_step_beyond() {
    use crate::charts::job_queries::{JobLabel, ScrapeSetup};
    let setup = ScrapeSetup {
        dialect: Dialect::PromQl,
        job_label: JobLabel::Exported,
        scrape_interval: Some(1.0),
    };
    let (query, resolution) = job_history_query("u/admin/x", &setup, 3600.0, 1000.0);
    assert_eq!(resolution, Resolution::Exact);
    assert_eq!(
        query,
        HistoryQuery::Instant {
            expr: r#"{__name__=~"push_time_seconds|push_failure_time_seconds",exported_job="u/admin/x"}[3600s]"#.into(),
            time: 1000.0
        }
    );
    let week = 7.0 * 86_400.0;
    let (query, resolution) = job_history_query("u/admin/x", &setup, week, 1e9);
    assert_eq!(resolution, Resolution::PerStep(2040.0));
    let HistoryQuery::Range {
        expr,
        start,
        end,
        step,
    } = query
    else {
        panic!("{query:?}")
    };
    assert!(
        expr.starts_with("label_replace((changes(push_time_seconds{")
            && expr.contains("[2041s]) > 0, 1, 1)"),
        "{expr}"
    );
    assert_eq!(
        (end - start) / step,
        295.0,
        "296 whole steps cover the week"
    );
    // The backend evaluates at start + k·step: the last step ends at the range's end, so the
    // newest runs are in it.
    assert_eq!(start + 295.0 * step, end);
    assert_eq!(end % step, 0.0, "on the backend's own grid");
    assert!(end >= 1e9 && end - step < 1e9, "the last step holds now");
}

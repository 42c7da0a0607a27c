//! Unit tests of `crate::charts::chart_data`.

use super::*;

#[test]
fn grid_matches_prometheus_steps() {
    let g = Grid::new(100.0, 130.0, 15.0);
    assert_eq!(g.len, 3);
    assert_eq!(g.end(), 130.0);
    assert_eq!(Grid::new(100.0, 129.0, 15.0).len, 2);
    assert_eq!(Grid::new(100.0, 100.0, 15.0).len, 1);
    assert_eq!(Grid::new(100.0, 90.0, 15.0).len, 0);
    assert_eq!(g.index_of(115.0), Some(1));
    assert_eq!(g.index_of(116.0), None);
    assert_eq!(g.index_of(145.0), None);
}

use crate::gateway::model::labels_from_pairs as labels;

#[test]
fn legends_show_the_pushed_labels() {
    let scraped = labels(&[
        ("__name__", "job_records_processed"),
        ("job", "prometheus_gateway"),
        ("instance", "gw:9091"),
        ("exported_job", "u/admin/x"),
    ]);
    assert_eq!(job_legend(&scraped), r#"{exported_job="u/admin/x"}"#);
    assert_eq!(series_legend(&labels(&[("__name__", "up")])), "up");
    assert_eq!(series_legend(&Labels::new()), "value (no labels)");
    assert!(series_legend(&scraped).starts_with("job_records_processed{"));
}

#[test]
fn range_answers_must_be_matrices() {
    let grid = Grid::new(0.0, 10.0, 5.0);
    let answer = |data| Answer {
        data,
        warnings: vec!["w".into()],
        infos: vec!["i".into()],
    };
    let ok = range_data(grid, answer(QueryResult::Matrix(vec![])), job_legend).unwrap();
    assert_eq!(ok.warnings, vec!["w", "(info) i"]);
    assert!(range_data(grid, answer(QueryResult::Scalar(1.0, 2.0)), job_legend).is_err());
}

//! Unit tests of `crate::charts::align`.

use super::*;

fn grid() -> Grid {
    Grid::new(100.0, 160.0, 15.0) // 100, 115, 130, 145, 160
}

#[test]
fn samples_on_the_grid_fill_their_step_and_missing_steps_are_gaps() {
    let v = align_to_grid(&grid(), &[(100.0, 1.0), (130.0, f64::NAN), (160.0, 3.0)]);
    assert_eq!(v.len(), 5);
    assert_eq!(v[0], Some(1.0));
    assert_eq!(v[1], None);
    assert!(v[2].unwrap().is_nan(), "NaN is a sample, not a gap");
    assert_eq!(v[3], None);
    assert_eq!(v[4], Some(3.0));
}

#[test]
fn off_grid_samples_go_to_the_nearest_step_within_half_a_step() {
    let v = align_to_grid(
        &grid(),
        &[(107.0, 1.0), (121.0, 2.0), (92.6, 0.5), (167.4, 9.0)],
    );
    // 92.6 is 7.4 s from step 100, 107 only 7 s: the nearer sample keeps the slot.
    assert_eq!(v, vec![Some(1.0), Some(2.0), None, None, Some(9.0)]);
}

#[test]
fn samples_outside_the_grid_are_dropped() {
    let v = align_to_grid(
        &grid(),
        &[(92.0, 1.0), (168.0, 2.0), (f64::NAN, 3.0), (1e300, 4.0)],
    );
    assert_eq!(v, vec![None; 5]);
    assert_eq!(
        align_to_grid(&Grid::new(0.0, -1.0, 1.0), &[(0.0, 1.0)]),
        vec![]
    );
}

#[test]
fn the_nearer_of_two_samples_wins_and_ties_go_to_the_later() {
    let v = align_to_grid(&grid(), &[(114.0, 1.0), (115.5, 2.0), (116.0, 3.0)]);
    assert_eq!(v[1], Some(2.0));
    let v = align_to_grid(&grid(), &[(114.0, 1.0), (116.0, 3.0)]);
    assert_eq!(v[1], Some(3.0));
}

#[test]
fn matrices_become_named_sorted_series() {
    let labels = |job: &str| -> Labels { [("job".to_string(), job.to_string())].into() };
    let matrix = vec![
        RangeSeries {
            metric: labels("b"),
            values: vec![(100.0, 1.0), (115.0, 2.0)],
        },
        RangeSeries {
            metric: labels("a"),
            values: vec![(160.0, f64::INFINITY)],
        },
    ];
    let series = series_from_matrix(&grid(), &matrix, |l| format!("job={}", l["job"]));
    assert_eq!(series.len(), 2);
    assert_eq!(series[0].name, "job=a");
    assert_eq!(series[0].labels, labels("a"));
    assert_eq!(
        series[0].values,
        vec![None, None, None, None, Some(f64::INFINITY)]
    );
    assert_eq!(series[1].name, "job=b");
    assert_eq!(
        series[1].values,
        vec![Some(1.0), Some(2.0), None, None, None]
    );
    assert!(series_from_matrix(&grid(), &[], |_| String::new()).is_empty());
}

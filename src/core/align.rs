//! Puts Prometheus' sparse `[time, value]` pairs onto the chart's step grid, so every series has
//! one slot per step and a missing step is an explicit gap (`None`).

use super::chart_data::{ChartSeries, Grid};
use super::model::prometheus::{Labels, RangeSeries};

/// One slot per grid step. A sample goes to the nearest step within half a step (Prometheus
/// answers exactly on the grid, but a client-side range or a rounded timestamp may be off);
/// samples outside the grid are dropped, and of two samples for one step the nearer one wins.
pub fn align_to_grid(grid: &Grid, samples: &[(f64, f64)]) -> Vec<Option<f64>> {
    let mut values = vec![None; grid.len];
    if grid.step <= 0.0 || !grid.step.is_finite() {
        return values;
    }
    let mut distance = vec![f64::INFINITY; grid.len];
    for &(t, v) in samples {
        let position = (t - grid.start) / grid.step;
        let index = position.round();
        if !(index >= 0.0 && index < grid.len as f64) {
            continue; // before or after the grid, or a NaN timestamp
        }
        let index = index as usize;
        let off = (position - index as f64).abs();
        // `<=`: on a tie the later sample (the newer answer) wins.
        if off <= 0.5 && off <= distance[index] {
            distance[index] = off;
            values[index] = Some(v);
        }
    }
    values
}

/// Chart series for a `query_range` matrix, named by `name_of` (e.g. a legend format) and
/// sorted by name: the legend reads alphabetically and a series keeps its colour across refreshes
/// as long as the set of series doesn't change.
pub fn series_from_matrix(
    grid: &Grid,
    matrix: &[RangeSeries],
    name_of: impl Fn(&Labels) -> String,
) -> Vec<ChartSeries> {
    let mut series: Vec<ChartSeries> = matrix
        .iter()
        .map(|s| ChartSeries {
            name: name_of(&s.metric),
            labels: s.metric.clone(),
            values: align_to_grid(grid, &s.values),
        })
        .collect();
    // Stable sort: equal names keep Prometheus' (label-sorted) order.
    series.sort_by(|a, b| a.name.cmp(&b.name));
    series
}

#[cfg(test)]
mod tests {
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
}

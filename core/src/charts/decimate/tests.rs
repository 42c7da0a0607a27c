//! Decimation: spikes kept, gaps split, output bounded, and agreement with a per-sample
//! reference implementation.

use super::*;

fn noise(n: usize, seed: u64) -> Vec<Option<f64>> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            Some((s >> 33) as f64 / (1u64 << 31) as f64 * 100.0)
        })
        .collect()
}

fn points(lines: &[Polyline]) -> usize {
    lines.iter().map(Vec::len).sum()
}

#[test]
fn every_column_keeps_its_min_and_max() {
    let grid = Grid::new(0.0, 999.0, 1.0);
    let mut values = noise(1000, 7);
    values[555] = Some(1e6); // a one-sample spike
    values[556] = Some(-1e6);
    let scale = XScale::for_grid(&grid, 0.0, 100.0);
    let lines = decimate(&grid, &values, &scale);
    assert_eq!(lines.len(), 1);
    let out = &lines[0];
    for column in 0..100i64 {
        let in_column: Vec<f64> = (0..1000)
            .filter(|&i| scale.x(i as f64).floor() as i64 == column)
            .map(|i| values[i].unwrap())
            .collect();
        let kept: Vec<f64> = out
            .iter()
            .filter(|(x, _)| x.floor() as i64 == column)
            .map(|p| p.1)
            .collect();
        let min = in_column.iter().copied().fold(f64::INFINITY, f64::min);
        let max = in_column.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert!(
            kept.contains(&min) && kept.contains(&max),
            "column {column}"
        );
        assert!(kept.len() <= 4);
    }
    assert!(out.iter().any(|p| p.1 == 1e6) && out.iter().any(|p| p.1 == -1e6));
    assert!(out.windows(2).all(|w| w[0].0 < w[1].0), "time order");
}

#[test]
fn gaps_nan_and_infinities_split_lines() {
    let grid = Grid::new(0.0, 8.0, 1.0);
    let values = [
        Some(1.0),
        Some(2.0),
        None,
        Some(3.0),
        Some(4.0),
        Some(f64::NAN),
        Some(5.0),
        Some(f64::INFINITY),
        Some(6.0),
    ];
    let lines = decimate(&grid, &values, &XScale::for_grid(&grid, 0.0, 800.0));
    let ys: Vec<Vec<f64>> = lines
        .iter()
        .map(|l| l.iter().map(|p| p.1).collect())
        .collect();
    assert_eq!(
        ys,
        vec![vec![1.0, 2.0], vec![3.0, 4.0], vec![5.0], vec![6.0]]
    );
    assert_eq!(lines[0][1].0, 100.0);
    assert_eq!(lines[3][0].0, 800.0);
    let none = decimate(&grid, &[None; 9], &XScale::for_grid(&grid, 0.0, 800.0));
    assert!(none.is_empty());
    assert!(decimate(&grid, &[], &XScale::for_grid(&grid, 0.0, 800.0)).is_empty());
}

#[test]
fn a_gap_inside_one_column_does_not_fragment_the_line() {
    let grid = Grid::new(0.0, 9.0, 1.0);
    let values = [Some(1.0), None, Some(2.0), Some(3.0), None, None]
        .into_iter()
        .chain([Some(4.0), Some(5.0), Some(6.0), Some(7.0)])
        .collect::<Vec<_>>();
    // Ten steps in two columns: 0..=4 and 5..=9.
    let lines = decimate(&grid, &values, &XScale::for_grid(&grid, 0.0, 1.99));
    assert_eq!(lines.len(), 2, "{lines:?}");
}

#[test]
fn output_is_bounded_by_four_points_per_column() {
    let grid = Grid::new(1.7e9, 1.7e9 + 10_999.0 * 15.0, 15.0);
    assert_eq!(grid.len, 11_000);
    let mut values = noise(11_000, 42);
    for i in (0..11_000).step_by(7) {
        values[i] = None; // sub-column gaps everywhere
    }
    let lines = decimate(&grid, &values, &XScale::for_grid(&grid, 60.0, 1260.0));
    let n = points(&lines);
    assert!(n <= 4 * 1201, "{n} points");
    assert!(n >= 1200, "{n} points");
    let all = lines.concat();
    assert!(all.first().unwrap().0 >= 60.0 && all.last().unwrap().0 <= 1260.0);
    let true_max = values.iter().flatten().copied().fold(f64::MIN, f64::max);
    assert!(all.iter().any(|p| p.1 == true_max));
}

/// The obvious per-sample version, to check the column-range search against.
fn reference(grid: &Grid, values: &[Option<f64>], scale: &XScale) -> Vec<Polyline> {
    let (mut lines, mut line, mut gap) = (Vec::new(), Polyline::new(), false);
    let mut column: Option<(f64, Column)> = None;
    for (step, value) in values.iter().enumerate().take(grid.len) {
        let Some(v) = value.filter(|v| v.is_finite()) else {
            gap = true;
            continue;
        };
        let index = scale.x(grid.time(step)).floor();
        match column.as_mut() {
            Some((i, c)) if *i == index => c.add((step, v)),
            _ => {
                if let Some((_, done)) = column.take() {
                    done.flush(grid, scale, &mut line);
                }
                if gap && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                column = Some((index, Column::new((step, v))));
            }
        }
        gap = false;
    }
    if let Some((_, done)) = column {
        done.flush(grid, scale, &mut line);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[test]
fn matches_the_per_sample_reference_on_random_data() {
    let mut seed = 5u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seed >> 33
    };
    for _ in 0..300 {
        let len = 1 + next() as usize % 3000;
        let step = [0.001, 1.0, 15.0, 60.0][next() as usize % 4];
        let grid = Grid::new(1.7e9, 1.7e9 + (len - 1) as f64 * step, step);
        let values: Vec<Option<f64>> = (0..len)
            .map(|_| match next() % 10 {
                0 => None,
                1 => Some(f64::NAN),
                _ => Some(next() as f64),
            })
            .collect();
        let x0 = (next() % 100) as f64 + 0.37;
        let x1 = x0 + 1.0 + (next() % 2400) as f64 * 0.73;
        let scale = XScale::for_grid(&grid, x0, x1);
        assert_eq!(
            decimate(&grid, &values, &scale),
            reference(&grid, &values, &scale),
            "{len} steps into {x0}..{x1}"
        );
    }
}

#[test]
fn sparse_data_keeps_every_point() {
    let grid = Grid::new(0.0, 99.0, 1.0);
    let values = noise(100, 3);
    let lines = decimate(&grid, &values, &XScale::for_grid(&grid, 0.0, 1000.0));
    assert_eq!(points(&lines), 100);
}

#[test]
fn scales_map_both_ways_and_centre_a_single_step() {
    let grid = Grid::new(100.0, 200.0, 10.0);
    let s = XScale::for_grid(&grid, 50.0, 550.0);
    assert_eq!(s.x(150.0), 300.0);
    assert_eq!(s.t(300.0), 150.0);
    let one = XScale::for_grid(&Grid::new(100.0, 100.0, 10.0), 0.0, 200.0);
    assert_eq!(one.x(100.0), 100.0);
}

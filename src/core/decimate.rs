//! Per-pixel-column min/max decimation: what makes 100 series × 11,000 points drawable in tens of
//! milliseconds without losing a single spike. Output lines are broken at gaps.

use super::chart_data::Grid;

/// A linear map between times (seconds) and horizontal pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct XScale {
    pub t0: f64,
    pub t1: f64,
    pub x0: f64,
    pub x1: f64,
}

impl XScale {
    /// The grid's first to last step across `x0..x1`; a one-step grid is centred.
    pub fn for_grid(grid: &Grid, x0: f64, x1: f64) -> XScale {
        let (mut t0, mut t1) = (grid.start, grid.end());
        if t1 <= t0 {
            let half = if grid.step > 0.0 { grid.step } else { 1.0 };
            (t0, t1) = (t0 - half, t0 + half);
        }
        XScale { t0, t1, x0, x1 }
    }

    pub fn x(&self, t: f64) -> f64 {
        self.x0 + (t - self.t0) / (self.t1 - self.t0) * (self.x1 - self.x0)
    }

    pub fn t(&self, x: f64) -> f64 {
        self.t0 + (x - self.x0) / (self.x1 - self.x0) * (self.t1 - self.t0)
    }
}

/// A run of drawable points `(x pixel, value)`, in time order.
pub type Polyline = Vec<(f64, f64)>;

/// The first, lowest, highest and last point that fall in one pixel column.
struct Column {
    index: i64,
    // (step index, x, value)
    first: (usize, f64, f64),
    min: (usize, f64, f64),
    max: (usize, f64, f64),
    last: (usize, f64, f64),
}

impl Column {
    fn new(index: i64, point: (usize, f64, f64)) -> Column {
        Column {
            index,
            first: point,
            min: point,
            max: point,
            last: point,
        }
    }

    fn add(&mut self, point: (usize, f64, f64)) {
        if point.2 < self.min.2 {
            self.min = point;
        }
        if point.2 > self.max.2 {
            self.max = point;
        }
        self.last = point;
    }

    /// Appends the column's points in time order, each step at most once.
    fn flush(self, line: &mut Polyline) {
        let mut points = [self.first, self.min, self.max, self.last];
        points.sort_by_key(|p| p.0);
        let mut previous = None;
        for (step, x, v) in points {
            if previous != Some(step) {
                line.push((x, v));
                previous = Some(step);
            }
        }
    }
}

/// Decimates `values` (one per grid step) for drawing through `scale`.
///
/// Every pixel column keeps its first, min, max and last point (at most 4), so a spike shorter
/// than a column still reaches its full height. `None`, NaN and ±Inf are gaps and end a line,
/// except a gap with drawable points on both sides in the same column: it is narrower than a
/// pixel and would only fragment the line into invisible pieces.
pub fn decimate(grid: &Grid, values: &[Option<f64>], scale: &XScale) -> Vec<Polyline> {
    let mut lines = Vec::new();
    let mut line = Polyline::new();
    let mut column: Option<Column> = None;
    let mut gap = false;
    for (step, value) in values.iter().enumerate().take(grid.len) {
        let v = match value {
            Some(v) if v.is_finite() => *v,
            _ => {
                gap = true;
                continue;
            }
        };
        let x = scale.x(grid.time(step));
        let index = x.floor() as i64;
        match column.as_mut() {
            Some(c) if c.index == index => c.add((step, x, v)),
            _ => {
                if let Some(done) = column.take() {
                    done.flush(&mut line);
                }
                if gap && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                column = Some(Column::new(index, (step, x, v)));
            }
        }
        gap = false;
    }
    if let Some(done) = column {
        done.flush(&mut line);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
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
            assert!(kept.contains(&min) && kept.contains(&max), "column {column}");
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
}

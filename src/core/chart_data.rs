//! The data a chart draws: series aligned to one step grid, `None` where a step has no sample.

use super::model::prometheus::Labels;

/// The time grid of a range query: `len` steps of `step` seconds from `start` (inclusive).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    pub start: f64,
    pub step: f64,
    pub len: usize,
}

impl Grid {
    /// The grid Prometheus evaluates for `query_range(start, end, step)`: start, start+step, ... <= end.
    pub fn new(start: f64, end: f64, step: f64) -> Grid {
        let len = if step > 0.0 && end >= start {
            ((end - start) / step + 1e-9).floor() as usize + 1
        } else {
            0
        };
        Grid { start, step, len }
    }

    pub fn time(&self, index: usize) -> f64 {
        self.start + self.step * index as f64
    }

    pub fn end(&self) -> f64 {
        if self.len == 0 {
            self.start
        } else {
            self.time(self.len - 1)
        }
    }

    /// The step index of a timestamp that lies on the grid (within a millisecond), if any.
    pub fn index_of(&self, t: f64) -> Option<usize> {
        if self.step <= 0.0 {
            return None;
        }
        let i = ((t - self.start) / self.step).round();
        if i < 0.0 || i as usize >= self.len || (self.time(i as usize) - t).abs() > 1e-3 {
            return None;
        }
        Some(i as usize)
    }
}

/// One line of a chart. `values[i]` belongs to `grid.time(i)`; `None` is a gap (no sample),
/// while NaN and ±Inf are samples Prometheus really returned (drawn as gaps, listed as text).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSeries {
    /// The legend text, e.g. `{exported_job="u/admin/x"}`.
    pub name: String,
    pub labels: Labels,
    pub values: Vec<Option<f64>>,
}

#[cfg(test)]
mod tests {
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
}

//! Per-pixel-column min/max decimation: what makes 100 series × 11,000 points drawable in tens of
//! milliseconds without losing a single spike. Output lines are broken at gaps.

#[cfg(test)]
mod tests;

use crate::charts::chart_data::Grid;

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

/// The first, lowest, highest and last drawable `(step, value)` of one pixel column.
struct Column {
    first: (usize, f64),
    min: (usize, f64),
    max: (usize, f64),
    last: (usize, f64),
}

impl Column {
    fn new(point: (usize, f64)) -> Column {
        Column {
            first: point,
            min: point,
            max: point,
            last: point,
        }
    }

    fn add(&mut self, point: (usize, f64)) {
        if point.1 < self.min.1 {
            self.min = point;
        }
        if point.1 > self.max.1 {
            self.max = point;
        }
        self.last = point;
    }

    /// Appends the column's points in time order, each step at most once.
    fn flush(self, grid: &Grid, scale: &XScale, line: &mut Polyline) {
        // first <= min, max <= last in step order; only min and max can come either way round.
        let (a, b) = if self.min.0 <= self.max.0 {
            (self.min, self.max)
        } else {
            (self.max, self.min)
        };
        let mut previous = usize::MAX;
        for (step, v) in [self.first, a, b, self.last] {
            if step != previous {
                line.push((scale.x(grid.time(step)), v));
                previous = step;
            }
        }
    }
}

/// One past the last step that falls in pixel column `column`, searching from `start`: the
/// scale inverted, then corrected for rounding, so the hot loop needs no per-sample maths.
fn column_end(grid: &Grid, scale: &XScale, column: f64, start: usize, n: usize) -> usize {
    let in_column = |step: usize| scale.x(grid.time(step)).floor() <= column;
    let guess = ((scale.t(column + 1.0) - grid.start) / grid.step).ceil();
    let mut end = if guess.is_finite() {
        (guess.max(0.0) as usize).clamp(start + 1, n)
    } else {
        n
    };
    while end < n && in_column(end) {
        end += 1;
    }
    while end > start + 1 && !in_column(end - 1) {
        end -= 1;
    }
    end
}

/// Decimates `values` (one per grid step) for drawing through `scale`.
///
/// Every pixel column keeps its first, min, max and last point (at most 4), so a spike shorter
/// than a column still reaches its full height. `None`, NaN and ±Inf are gaps and end a line,
/// except a gap with drawable points on both sides in the same column: it is narrower than a
/// pixel and would only fragment the line into invisible pieces.
pub fn decimate(grid: &Grid, values: &[Option<f64>], scale: &XScale) -> Vec<Polyline> {
    let n = grid.len.min(values.len());
    let mut lines = Vec::new();
    let mut line = Polyline::new();
    let mut gap = false;
    let mut start = 0;
    while start < n {
        let end = column_end(grid, scale, scale.x(grid.time(start)).floor(), start, n);
        let mut samples = values[start..end].iter().enumerate();
        // Up to the column's first drawable sample, everything is gap.
        let first = samples.by_ref().find_map(|(offset, value)| match *value {
            Some(v) if v.is_finite() => Some((start + offset, v)),
            _ => {
                gap = true;
                None
            }
        });
        if let Some(first) = first {
            if gap && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut column = Column::new(first);
            gap = false;
            for (offset, value) in samples {
                match *value {
                    Some(v) if v.is_finite() => {
                        column.add((start + offset, v));
                        gap = false;
                    }
                    _ => gap = true,
                }
            }
            column.flush(grid, scale, &mut line);
        }
        start = end;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

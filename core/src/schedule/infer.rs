//! Infers a job's schedule from its run times: a fixed period with jitter tolerance, or a
//! wall-clock schedule (hourly at :MM, daily at HH:MM, weekdays only; UTC), with a confidence.
//! The period is the median gap between runs, refined by a least-squares fit of every run on
//! the slot it fills, so that missed runs (gaps of two or more periods) do not bend it.

use super::{is_weekend, Schedule, DAY, HOUR};

/// Fewer runs than this: the job is new, and no schedule is made up for it.
pub const MIN_RUNS: usize = 3;
/// The share of gaps a schedule must explain to be taken.
pub const MIN_CONFIDENCE: f64 = 0.8;

#[derive(Clone, Debug, PartialEq)]
pub enum Inference {
    /// Too few runs to tell.
    New { runs: usize },
    /// The runs follow no schedule that explains most of their gaps.
    Irregular { runs: usize, confidence: f64 },
    /// `confidence`: the share of gaps between runs that the schedule explains.
    Found { schedule: Schedule, confidence: f64 },
}

/// How far a run may stray from its slot and still fill it: a fifth of the period, between
/// 0.5 s and 2 min.
pub fn jitter_tolerance(period: f64) -> f64 {
    (period / 5.0).clamp(0.5, 120.0)
}

/// The schedule of runs at `times` (seconds, oldest first, distinct).
pub fn infer(times: &[f64]) -> Inference {
    let runs = times.len();
    if runs < MIN_RUNS {
        return Inference::New { runs };
    }
    let gaps: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).collect();
    let Some(median) = median(&gaps).filter(|m| *m > 0.0) else {
        return Inference::Irregular {
            runs,
            confidence: 0.0,
        };
    };
    let tol = jitter_tolerance(median);
    // Two rounds: slots from the median, then from the fitted period.
    let mut period = median;
    for _ in 0..2 {
        period = fit_period(times, &slots(&gaps, period)).unwrap_or(period);
    }
    let steps = slots(&gaps, period);
    let explained = gaps
        .iter()
        .zip(&steps)
        .filter(|(gap, k)| (*gap - **k as f64 * period).abs() <= tol)
        .count();
    let confidence = explained as f64 / gaps.len() as f64;
    if confidence < MIN_CONFIDENCE {
        return Inference::Irregular { runs, confidence };
    }
    let schedule = wall_clock(times, period, tol).unwrap_or(Schedule::Every {
        period,
        anchor: recent_anchor(times, period),
    });
    Inference::Found {
        schedule,
        confidence,
    }
}

/// How many periods each gap spans (at least one).
fn slots(gaps: &[f64], period: f64) -> Vec<u64> {
    gaps.iter()
        .map(|g| (g / period).round().max(1.0) as u64)
        .collect()
}

/// Least squares of each run time on its slot number: the period is the slope.
fn fit_period(times: &[f64], steps: &[u64]) -> Option<f64> {
    let mut slot = 0u64;
    let xs: Vec<f64> = std::iter::once(0.0)
        .chain(steps.iter().map(|k| {
            slot += k;
            slot as f64
        }))
        .collect();
    let n = xs.len() as f64;
    let (mx, my) = (xs.iter().sum::<f64>() / n, times.iter().sum::<f64>() / n);
    let sxx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    let sxy: f64 = xs.iter().zip(times).map(|(x, y)| (x - mx) * (y - my)).sum();
    (sxx > 0.0).then(|| sxy / sxx).filter(|p| *p > 0.0)
}

/// The grid through the latest runs: a job restarted at another phase is judged by the phase
/// it runs at now. The median offset of the last 20 runs from the last one's grid.
fn recent_anchor(times: &[f64], period: f64) -> f64 {
    let last = times[times.len() - 1];
    let offsets: Vec<f64> = times
        .iter()
        .rev()
        .take(20)
        .map(|t| {
            let d = t - last;
            d - (d / period).round() * period
        })
        .collect();
    last + median(&offsets).unwrap_or(0.0)
}

/// Hourly or daily at a fixed wall-clock time (UTC), when the period is an hour or a day and
/// every run is within the tolerance of one time of the hour or day.
fn wall_clock(times: &[f64], period: f64, tol: f64) -> Option<Schedule> {
    let cycle = [HOUR, DAY]
        .into_iter()
        .find(|c| (period - c).abs() <= tol.max(c / 200.0))?;
    let phases: Vec<f64> = times.iter().map(|t| t.rem_euclid(cycle)).collect();
    let phase = circular_median(&phases, cycle);
    let close = |p: &f64| {
        let d = (p - phase).rem_euclid(cycle);
        d.min(cycle - d) <= tol
    };
    if !phases.iter().all(close) {
        return None;
    }
    let at = phase.round() as u32 % cycle as u32;
    if cycle == HOUR {
        return Some(Schedule::Hourly {
            minute: at / 60,
            second: at % 60,
        });
    }
    // Weekdays only: no run on a weekend, though the runs span at least one.
    let span_covers_weekend = times[times.len() - 1] - times[0] >= 7.0 * DAY - tol;
    let weekdays = span_covers_weekend && !times.iter().any(|t| is_weekend(*t));
    Some(Schedule::Daily {
        hour: at / 3600,
        minute: at / 60 % 60,
        second: at % 60,
        weekdays,
    })
}

fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied()
}

/// The median of phases on a circle of length `cycle`, cut where the phases are sparsest, so
/// that 23:59 and 00:01 average to midnight, not noon.
fn circular_median(phases: &[f64], cycle: f64) -> f64 {
    let mut sorted = phases.to_vec();
    sorted.sort_by(f64::total_cmp);
    // The widest empty arc: the circle is cut there.
    let n = sorted.len();
    let (cut, _) = (0..n)
        .map(|i| {
            let next = if i + 1 < n {
                sorted[i + 1]
            } else {
                sorted[0] + cycle
            };
            (i, next - sorted[i])
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((0, 0.0));
    let unrolled: Vec<f64> = (1..=n)
        .map(|j| {
            let p = sorted[(cut + j) % n];
            if (cut + j) >= n {
                p + cycle
            } else {
                p
            }
        })
        .collect();
    median(&unrolled).unwrap_or(0.0).rem_euclid(cycle)
}

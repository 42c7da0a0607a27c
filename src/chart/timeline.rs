//! Draws a job's runs on a time line: one mark per pixel column, coloured as the heartbeat
//! strip's bucket of that column (`core::schedule::heartbeat`): every run on time, a run
//! missed or late, a failed push, or nothing, with the time axis below. A week of 5-second runs
//! costs one rectangle per column, not one per run.

use super::axes::{self, check, label_width, Layout};
use super::render::RenderError;
use super::theme::Theme;
use gatewatch_core::charts::decimate::XScale;
use gatewatch_core::schedule::compare::Compliance;
use gatewatch_core::schedule::heartbeat::{strip, Beat};
use gatewatch_core::schedule::runs::Runs;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// CSS height of the timeline canvas.
pub const TIMELINE_HEIGHT_PX: u32 = 64;

/// Everything one drawing of the timeline depends on (times in seconds since the epoch).
pub struct Timeline<'a> {
    pub from: f64,
    pub to: f64,
    pub runs: &'a Runs,
    pub compliance: Option<&'a Compliance>,
    pub theme: &'a Theme,
    pub utc_offset_min: i32,
    pub dpr: f64,
}

pub fn render_timeline(canvas: &HtmlCanvasElement, t: &Timeline) -> Result<(), RenderError> {
    let mut backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| RenderError("the canvas has no 2D context".into()))?;
    let axes::Surface {
        width: w,
        height: h,
        dpr,
        font_px,
    } = axes::prepare(&mut backend, t.dpr, t.theme)?;
    let layout = Layout {
        // Lined up with the charts' plots below it, whose value labels take about this much.
        left: (label_width("00000", font_px) + 12.0 * dpr).round(),
        top: (4.0 * dpr).round(),
        right: (w - 14.0 * dpr).round(),
        bottom: (h - font_px - 12.0 * dpr).round(),
        width: w,
        dpr,
        font_px,
    };
    if layout.plot_width() < 2.0 || layout.plot_height() < 4.0 || t.to <= t.from {
        return Ok(()); // not laid out yet, or an empty range
    }
    let x = XScale {
        t0: t.from,
        t1: t.to,
        x0: layout.left,
        x1: layout.right,
    };
    axes::draw_time_axis(&mut backend, &layout, &x, t.utc_offset_min, t.theme)?;
    let columns = layout.plot_width().round() as usize;
    let width = (t.to - t.from) / columns as f64;
    let beats = strip(t.runs, t.compliance, t.to, columns, width);
    for (column, beat) in beats.iter().enumerate() {
        let color = match beat {
            Beat::NoData => continue,
            Beat::Ok => t.theme.ok,
            Beat::Missed => t.theme.warn,
            Beat::Failed => t.theme.bad,
        };
        let left = layout.left as i32 + column as i32;
        check(backend.draw_rect(
            (left, layout.top as i32),
            (left + 1, layout.bottom as i32),
            &color.plotters(),
            true,
        ))?;
    }
    axes::draw_baseline(&mut backend, &layout, t.theme)
}

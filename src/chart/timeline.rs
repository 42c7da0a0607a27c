//! Draws a job's runs on a time line: a lane each for successful, failed and missed runs, one
//! tick per run, over the page's time axis.

use super::axes::{self, check, Layout};
use super::render::RenderError;
use super::theme::Theme;
use gatewatch_core::charts::decimate::XScale;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// CSS height of the timeline: three lanes and the time labels.
pub const TIMELINE_HEIGHT_PX: u32 = 120;

/// What one drawing of the timeline depends on.
pub struct Lanes<'a> {
    pub from: f64,
    pub to: f64,
    pub ok: &'a [f64],
    pub failed: &'a [f64],
    /// Expected times of runs that did not come.
    pub missed: &'a [f64],
    pub theme: &'a Theme,
    pub utc_offset_min: i32,
    pub dpr: f64,
}

/// The lanes top to bottom, with their palette colour (green, red, orange).
const LANES: [(&str, usize); 3] = [("ok", 2), ("failed", 3), ("missed", 1)];

pub fn render_timeline(canvas: &HtmlCanvasElement, lanes: &Lanes) -> Result<(), RenderError> {
    let mut backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| RenderError("the canvas has no 2D context".into()))?;
    draw(&mut backend, lanes)
}

fn draw(backend: &mut CanvasBackend, lanes: &Lanes) -> axes::Drawn {
    let dpr = if lanes.dpr.is_finite() && lanes.dpr > 0.0 { lanes.dpr } else { 1.0 };
    let (w, h) = backend.get_size();
    let (w, h) = (f64::from(w), f64::from(h));
    let font_px = (11.0 * dpr).round();
    let background = lanes.theme.background.plotters();
    check(backend.draw_rect((0, 0), (w as i32, h as i32), &background, true))?;
    let layout = Layout {
        left: (52.0 * dpr).round(),
        top: (6.0 * dpr).round(),
        right: (w - 14.0 * dpr).round(),
        bottom: (h - 22.0 * dpr).round(),
        width: w,
        dpr,
        font_px,
    };
    let x = XScale {
        t0: lanes.from,
        t1: lanes.to.max(lanes.from + 1.0),
        x0: layout.left,
        x1: layout.right,
    };
    axes::draw_time_axis(backend, &layout, &x, lanes.utc_offset_min, lanes.theme)?;
    let lane_height = (layout.bottom - layout.top) / LANES.len() as f64;
    let label_style = axes::text_style(lanes.theme, font_px, HPos::Right, VPos::Center);
    for (i, ((name, colour), times)) in LANES
        .iter()
        .zip([lanes.ok, lanes.failed, lanes.missed])
        .enumerate()
    {
        let top = layout.top + i as f64 * lane_height;
        let middle = (top + lane_height / 2.0) as i32;
        check(backend.draw_text(name, &label_style, ((layout.left - 6.0 * dpr) as i32, middle)))?;
        let colour = lanes.theme.palette[colour % lanes.theme.palette.len()].plotters();
        let style = ShapeStyle {
            color: colour.to_rgba(),
            filled: true,
            stroke_width: 1,
        };
        // One tick per pixel column that holds runs: a week of 5 s runs is 120,000 of them.
        let mut last_px = i32::MIN;
        for &t in times.iter().filter(|t| **t >= lanes.from && **t <= lanes.to) {
            let px = x.x(t).round() as i32;
            if px == last_px {
                continue;
            }
            last_px = px;
            let (y0, y1) = ((top + 3.0 * dpr) as i32, (top + lane_height - 3.0 * dpr) as i32);
            check(backend.draw_rect((px, y0), (px + dpr.round().max(1.0) as i32, y1), &style, true))?;
        }
    }
    axes::draw_baseline(backend, &layout, lanes.theme)
}

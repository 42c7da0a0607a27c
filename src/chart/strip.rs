//! Draws a group's heartbeat strip (`core::schedule::strips`): one bar per bucket of the last
//! 24 h, coloured as the timeline colours its columns, and a faint bar where there is no data so
//! that the strip's extent stays visible.

use super::axes::{self, check};
use super::render::RenderError;
use super::theme::Theme;
use gatewatch_core::schedule::heartbeat::Beat;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// CSS size of a strip: two pixels per bucket of the 96, and a row's line height.
pub const STRIP_CSS_WIDTH: u32 = 192;
pub const STRIP_CSS_HEIGHT: u32 = 14;

pub fn render_strip(
    canvas: &HtmlCanvasElement,
    beats: &[Beat],
    theme: &Theme,
    dpr: f64,
) -> Result<(), RenderError> {
    let mut backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| RenderError("the canvas has no 2D context".into()))?;
    let surface = axes::prepare(&mut backend, dpr, theme)?;
    if beats.is_empty() {
        return Ok(());
    }
    let bar = surface.width / beats.len() as f64;
    for (i, beat) in beats.iter().enumerate() {
        let (color, top) = match beat {
            // Half height: "nothing here" reads apart from "all well" without colour.
            Beat::NoData => (theme.grid, surface.height / 2.0),
            Beat::Ok => (theme.ok, 0.0),
            Beat::Missed => (theme.warn, 0.0),
            Beat::Failed => (theme.bad, 0.0),
        };
        let left = (i as f64 * bar).round() as i32;
        // A one-pixel gap between bars once they are wide enough to afford it.
        let right = ((i + 1) as f64 * bar).round() as i32 - i32::from(bar >= 3.0);
        check(backend.draw_rect(
            (left, top.round() as i32),
            (right.max(left + 1), surface.height as i32),
            &color.plotters(),
            true,
        ))?;
    }
    Ok(())
}

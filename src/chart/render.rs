//! Draws chart series on a canvas: background, axes, then every visible series decimated to at
//! most four points per pixel column and broken at gaps (no sample, NaN, ±Inf).

use super::axes::{self, check, Drawn, Layout};
use super::theme::Theme;
use gatewatch_core::charts::chart_data::{ChartSeries, Grid};
use gatewatch_core::charts::decimate::{decimate, XScale};
use gatewatch_core::charts::ticks::{value_axis, ValueAxis};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Everything one drawing depends on.
pub struct Frame<'a> {
    pub grid: &'a Grid,
    pub series: &'a [ChartSeries],
    /// `visible[i]` says whether `series[i]` is drawn; a missing entry counts as visible.
    pub visible: &'a [bool],
    pub theme: &'a Theme,
    /// Minutes east of UTC for the time labels (the browser's offset for local time).
    pub utc_offset_min: i32,
    /// devicePixelRatio: the caller made the backing store the CSS size times this.
    pub dpr: f64,
    /// Shown when no series has a drawable value: "No data", or "Loading…" before the first answer.
    pub empty_message: &'a str,
}

/// Where the plot landed, in CSS pixels from the canvas' top left, so the page can map the
/// mouse to a time for the crosshair.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotArea {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    /// Time ↔ CSS x.
    pub x: XScale,
    /// Series actually drawn (visible, with at least one finite value).
    pub drawn: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RenderError(pub String);

/// Line width in CSS pixels. Thin on purpose: Chromium's software rasteriser strokes 1 device
/// pixel lines several times faster than 2 px ones (100 × 11,000 points: ~45 ms vs ~280 ms).
const LINE_WIDTH_CSS: f64 = 1.0;

/// Draws `frame` over the whole canvas. It paints every pixel, so the previous picture is
/// replaced in one go, never shown blank in between.
pub fn render(canvas: &HtmlCanvasElement, frame: &Frame) -> Result<PlotArea, RenderError> {
    let mut backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| RenderError("the canvas has no 2D context".into()))?;
    draw(&mut backend, canvas, frame)
}

/// The context plotters draws with (a canvas has only one 2D context), for the one thing
/// plotters can't express: a half-pixel translation.
fn canvas_context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

fn is_visible(frame: &Frame, index: usize) -> bool {
    frame.visible.get(index).copied().unwrap_or(true)
}

/// Lowest and highest finite value of the visible series.
fn extent(frame: &Frame) -> Option<(f64, f64)> {
    let mut range: Option<(f64, f64)> = None;
    for (i, s) in frame.series.iter().enumerate() {
        if !is_visible(frame, i) {
            continue;
        }
        for v in s.values.iter().flatten().filter(|v| v.is_finite()) {
            range = Some(match range {
                None => (*v, *v),
                Some((lo, hi)) => (lo.min(*v), hi.max(*v)),
            });
        }
    }
    range
}

fn draw(
    backend: &mut CanvasBackend,
    canvas: &HtmlCanvasElement,
    frame: &Frame,
) -> Result<PlotArea, RenderError> {
    let axes::Surface {
        width: w,
        height: h,
        dpr,
        font_px,
    } = axes::prepare(backend, frame.dpr, frame.theme)?;

    let plot_css_height = h / dpr - 10.0 - 11.0 - 12.0;
    let max_ticks = (plot_css_height / 45.0).clamp(2.0, 8.0) as usize;
    let axis = extent(frame).map(|(lo, hi)| value_axis(lo, hi, max_ticks));
    let widest_label = axis
        .as_ref()
        .map(|a| {
            axes::value_labels(a)
                .iter()
                .map(|l| axes::label_width(l, font_px))
                .fold(0.0, f64::max)
        })
        .unwrap_or(0.0);
    let layout = Layout {
        left: (widest_label + 12.0 * dpr).max(30.0 * dpr).round(),
        top: (10.0 * dpr).round(),
        right: (w - 14.0 * dpr).round(),
        bottom: (h - font_px - 12.0 * dpr).round(),
        width: w,
        dpr,
        font_px,
    };
    let x = XScale::for_grid(frame.grid, layout.left, layout.right);
    let area = PlotArea {
        left: layout.left / dpr,
        top: layout.top / dpr,
        width: layout.plot_width() / dpr,
        height: layout.plot_height() / dpr,
        x: XScale {
            x0: layout.left / dpr,
            x1: layout.right / dpr,
            ..x
        },
        drawn: 0,
    };
    if layout.plot_width() < 2.0 || layout.plot_height() < 2.0 {
        return Ok(area); // a canvas too small to hold a plot (e.g. not laid out yet)
    }

    if frame.grid.len > 0 {
        axes::draw_time_axis(backend, &layout, &x, frame.utc_offset_min, frame.theme)?;
    }
    let Some(axis) = axis else {
        let message = if frame
            .series
            .iter()
            .any(|s| s.values.iter().flatten().any(|v| v.is_finite()))
        {
            "All series hidden"
        } else {
            frame.empty_message
        };
        axes::draw_message(backend, &layout, message, frame.theme)?;
        axes::draw_baseline(backend, &layout, frame.theme)?;
        return Ok(area);
    };
    axes::draw_value_axis(backend, &layout, &axis, frame.theme)?;
    let line_width = (LINE_WIDTH_CSS * dpr).round().max(1.0);
    // An odd-width line on whole-pixel coordinates straddles two pixel rows at half strength;
    // half a pixel down puts flat stretches on exactly one row (crisp, in their true colour).
    // x stays on pixel edges, so consecutive segments meet without overlapping.
    let shift = if line_width as i64 % 2 == 1 { 0.5 } else { 0.0 };
    let context = canvas_context(canvas);
    if let Some(c) = &context {
        let _ = c.translate(0.0, shift);
    }
    let mut drawn = 0;
    for (i, s) in frame.series.iter().enumerate() {
        if is_visible(frame, i) && draw_series(backend, frame, &layout, &axis, &x, i, s)? {
            drawn += 1;
        }
    }
    if let Some(c) = &context {
        let _ = c.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    }
    axes::draw_baseline(backend, &layout, frame.theme)?;
    Ok(PlotArea { drawn, ..area })
}

/// Draws one series; false when it had nothing drawable.
fn draw_series(
    backend: &mut CanvasBackend,
    frame: &Frame,
    layout: &Layout,
    axis: &ValueAxis,
    x: &XScale,
    index: usize,
    series: &ChartSeries,
) -> Result<bool, RenderError> {
    let lines = decimate(frame.grid, &series.values, x);
    let color = frame.theme.series_color(index).plotters();
    let width = (LINE_WIDTH_CSS * layout.dpr).round().max(1.0) as i32;
    let style = ShapeStyle {
        color: color.to_rgba(),
        filled: false,
        stroke_width: width as u32,
    };
    let mut path: Vec<(i32, i32)> = Vec::new();
    for line in &lines {
        path.clear();
        for &(px, v) in line {
            let point = (px.round() as i32, layout.y(axis, v).round() as i32);
            // Points that round to the same pixel add nothing but calls into JavaScript.
            if path.last() != Some(&point) {
                path.push(point);
            }
        }
        draw_path_or_dot(backend, &path, &style, width)?;
    }
    Ok(!lines.is_empty())
}

/// A lone sample between gaps would be an invisible zero-length line: draw it as a dot.
fn draw_path_or_dot(
    backend: &mut CanvasBackend,
    path: &[(i32, i32)],
    style: &ShapeStyle,
    width: i32,
) -> Drawn {
    match path {
        [] => Ok(()),
        [(x, y)] => check(backend.draw_rect(
            (x - width, y - width),
            (x + width, y + width),
            &style.color,
            true,
        )),
        _ => check(backend.draw_path(path.iter().copied(), style)),
    }
}

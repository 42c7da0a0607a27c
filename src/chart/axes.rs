//! Axes of the time chart: grid lines, value labels on the left, time labels below, and the
//! centred message ("No data") drawn when there is nothing to plot.

use super::render::RenderError;
use super::theme::Theme;
use gatewatch_core::charts::decimate::XScale;
use gatewatch_core::charts::ticks::{format_tick, time_ticks, ValueAxis};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;

pub type Drawn = Result<(), RenderError>;

/// plotters' error type for the canvas is private to plotters-canvas: keep only its message.
pub fn check<E: std::fmt::Display>(result: Result<(), E>) -> Drawn {
    result.map_err(|e| RenderError(e.to_string()))
}

/// The plot box in backing-store pixels, and the sizes that scale with devicePixelRatio.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    /// Canvas size.
    pub width: f64,
    pub dpr: f64,
    pub font_px: f64,
}

/// A canvas ready to draw on: its backing size, a sane devicePixelRatio, the axis font size
/// that goes with it, and the theme's background painted over every pixel (so the previous
/// picture is replaced in one go, never shown blank).
pub struct Surface {
    pub width: f64,
    pub height: f64,
    pub dpr: f64,
    pub font_px: f64,
}

pub fn prepare(
    backend: &mut CanvasBackend,
    dpr: f64,
    theme: &Theme,
) -> Result<Surface, RenderError> {
    let dpr = if dpr.is_finite() && dpr > 0.0 {
        dpr
    } else {
        1.0
    };
    let (w, h) = backend.get_size();
    let (width, height) = (f64::from(w), f64::from(h));
    check(backend.draw_rect(
        (0, 0),
        (w as i32, h as i32),
        &theme.background.plotters(),
        true,
    ))?;
    Ok(Surface {
        width,
        height,
        dpr,
        font_px: (11.0 * dpr).round(),
    })
}

/// Width of a label at the axis font, estimated rather than measured: plotters measures text on
/// wasm by adding a span to the page, which forces a layout for every label.
pub fn label_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * 0.62 * font_px
}

impl Layout {
    pub fn plot_width(&self) -> f64 {
        self.right - self.left
    }

    pub fn plot_height(&self) -> f64 {
        self.bottom - self.top
    }

    /// Backing-store y of value `v`.
    pub fn y(&self, axis: &ValueAxis, v: f64) -> f64 {
        self.bottom - (v - axis.lo) / (axis.hi - axis.lo) * self.plot_height()
    }
}

fn text_style(theme: &Theme, font_px: f64, h: HPos, v: VPos) -> TextStyle<'static> {
    let color = theme.fg.plotters();
    TextStyle {
        font: FontDesc::new(FontFamily::SansSerif, font_px, FontStyle::Normal),
        color: color.to_backend_color(),
        pos: Pos::new(h, v),
    }
}

fn grid_style(theme: &Theme) -> ShapeStyle {
    ShapeStyle {
        color: theme.grid.plotters().to_rgba(),
        filled: false,
        stroke_width: 1,
    }
}

/// The y labels of `axis`, as drawn (the caller sizes the left margin from them).
pub fn value_labels(axis: &ValueAxis) -> Vec<String> {
    axis.ticks
        .iter()
        .map(|&v| format_tick(v, axis.step))
        .collect()
}

/// Horizontal grid lines with their labels left of the plot.
pub fn draw_value_axis(
    backend: &mut CanvasBackend,
    layout: &Layout,
    axis: &ValueAxis,
    theme: &Theme,
) -> Drawn {
    let style = text_style(theme, layout.font_px, HPos::Right, VPos::Center);
    for (&v, label) in axis.ticks.iter().zip(value_labels(axis)) {
        let y = layout.y(axis, v).round() as i32;
        check(backend.draw_line(
            (layout.left as i32, y),
            (layout.right as i32, y),
            &grid_style(theme),
        ))?;
        let x = (layout.left - 6.0 * layout.dpr) as i32;
        check(backend.draw_text(&label, &style, (x, y)))?;
    }
    Ok(())
}

/// Vertical grid lines at round local times with their labels below the plot. A label that
/// would stick out of the canvas is left off; its grid line stays.
pub fn draw_time_axis(
    backend: &mut CanvasBackend,
    layout: &Layout,
    x: &XScale,
    utc_offset_min: i32,
    theme: &Theme,
) -> Drawn {
    let css_width = layout.plot_width() / layout.dpr;
    let style = text_style(theme, layout.font_px, HPos::Center, VPos::Top);
    let label_y = (layout.bottom + 5.0 * layout.dpr) as i32;
    for tick in time_ticks(x.t0, x.t1, css_width, utc_offset_min) {
        let px = x.x(tick.t).round();
        check(backend.draw_line(
            (px as i32, layout.top as i32),
            (px as i32, layout.bottom as i32),
            &grid_style(theme),
        ))?;
        let half = label_width(&tick.label, layout.font_px) / 2.0;
        if px - half >= 0.0 && px + half <= layout.width {
            check(backend.draw_text(&tick.label, &style, (px as i32, label_y)))?;
        }
    }
    Ok(())
}

/// The plot's frame: a baseline under the data, drawn last so lines at the bottom stay visible.
pub fn draw_baseline(backend: &mut CanvasBackend, layout: &Layout, theme: &Theme) -> Drawn {
    let y = layout.bottom as i32;
    check(backend.draw_line(
        (layout.left as i32, y),
        (layout.right as i32, y),
        &ShapeStyle {
            color: theme.fg.plotters().mix(0.5),
            filled: false,
            stroke_width: 1,
        },
    ))
}

/// A message in the middle of the plot ("No data").
pub fn draw_message(
    backend: &mut CanvasBackend,
    layout: &Layout,
    text: &str,
    theme: &Theme,
) -> Drawn {
    let style = text_style(
        theme,
        layout.font_px * 14.0 / 11.0,
        HPos::Center,
        VPos::Center,
    );
    let centre = (
        ((layout.left + layout.right) / 2.0) as i32,
        ((layout.top + layout.bottom) / 2.0) as i32,
    );
    check(backend.draw_text(text, &style, centre))
}

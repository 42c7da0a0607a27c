//! A time-series chart: the canvas plot (drawn by `chart::render`), redrawn on new data, theme
//! change and resize; a hover crosshair with the values at the nearest step; a legend that
//! toggles series; and the same points as a table on request.

use crate::browser::utc_offset_minutes;
use crate::chart::observe::use_chart_watch;
use crate::chart::render::{render, Frame, PlotArea};
use crate::components::chart_legend::ChartLegend;
use crate::components::chart_table::ChartTable;
use gatewatch_core::charts::chart_data::{ChartSeries, Grid};
use gatewatch_core::charts::ticks::format_time_full;
use gatewatch_core::prometheus::value_format::format_value;
use leptos::html::{Canvas, Div};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// CSS height of the plot: room for ~5 value ticks and the time labels.
pub const CHART_HEIGHT_PX: u32 = 280;
/// Tooltip lines at most; the table lists every series.
const TOOLTIP_ROWS: usize = 20;
const NO_DATA: &str = "No data";
const LOADING: &str = "Loading…";

#[component]
pub fn TimeChart(
    #[prop(into)] series: Signal<Vec<ChartSeries>>,
    #[prop(into)] grid: Signal<Grid>,
    /// Names the chart for assistive technology (the canvas' label, the table's caption).
    #[prop(into)]
    title: String,
    #[prop(default = CHART_HEIGHT_PX)] height: u32,
    /// Minutes east of UTC for times; the browser's own offset when not given.
    #[prop(optional, into)]
    utc_offset_min: Option<Signal<i32>>,
    /// True while the first answer is awaited: an empty chart says "Loading…", not "No data".
    #[prop(optional, into)]
    loading: Option<Signal<bool>>,
) -> impl IntoView {
    let loading = loading.unwrap_or_else(|| Signal::derive(|| false));
    // One copy per data change, however often the legend, tooltip and table read it.
    let series = Memo::new(move |_| series.get());
    let grid = Memo::new(move |_| grid.get());
    let offset = utc_offset_min.unwrap_or_else(|| {
        let here = utc_offset_minutes();
        Signal::derive(move || here)
    });
    let canvas_ref = NodeRef::<Canvas>::new();
    let wrap_ref = NodeRef::<Div>::new();
    let (width, theme) = use_chart_watch(wrap_ref);
    let hidden = RwSignal::new(BTreeSet::new());
    let plot = RwSignal::new(None::<PlotArea>);
    let hover_x = RwSignal::new(None::<f64>);
    let show_table = RwSignal::new(false);

    Effect::new(move || {
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let css_width = width.get();
        if css_width == 0 {
            return; // not laid out (hidden): keep the last picture
        }
        let dpr = window().device_pixel_ratio();
        let backing = (
            (f64::from(css_width) * dpr).round() as u32,
            (f64::from(height) * dpr).round() as u32,
        );
        // Resizing clears the canvas; the drawing below follows in the same task, so no blank
        // frame is ever shown.
        if (canvas.width(), canvas.height()) != backing {
            canvas.set_width(backing.0);
            canvas.set_height(backing.1);
        }
        let _ =
            web_sys::HtmlElement::style(&canvas).set_property("width", &format!("{css_width}px"));
        let theme = theme.get();
        let utc_offset_min = offset.get();
        let empty_message = if loading.get() { LOADING } else { NO_DATA };
        let drawn = series.with(|s| {
            grid.with(|g| {
                hidden.with(|h| {
                    let visible: Vec<bool> = s.iter().map(|x| !h.contains(&x.name)).collect();
                    let frame = Frame {
                        grid: g,
                        series: s,
                        visible: &visible,
                        theme: &theme,
                        utc_offset_min,
                        dpr,
                        empty_message,
                    };
                    render(&canvas, &frame)
                })
            })
        });
        match drawn {
            Ok(area) => plot.set(Some(area)),
            Err(e) => leptos::logging::warn!("chart not drawn: {}", e.0),
        }
    });

    // The step nearest the mouse, and its x in CSS pixels.
    let hovered = Memo::new(move |_| {
        let x = hover_x.get()?;
        let area = plot.get()?;
        let g = grid.get();
        if g.len == 0 || x < area.left - 2.0 || x > area.left + area.width + 2.0 {
            return None;
        }
        let position = ((area.x.t(x) - g.start) / g.step).round();
        let index = position.clamp(0.0, (g.len - 1) as f64) as usize;
        Some((index, area.x.x(g.time(index)), area))
    });

    let tooltip = move || {
        let (index, x, area) = hovered.get()?;
        let time = format_time_full(grid.with(|g| g.time(index)), offset.get());
        let theme = theme.get();
        let (rows, more) = series.with(|all| {
            hidden.with(|h| {
                let shown: Vec<_> = all
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| !h.contains(&s.name))
                    .collect();
                let rows = shown
                    .iter()
                    .take(TOOLTIP_ROWS)
                    .map(|(i, s)| {
                        let value = match s.values.get(index).copied().flatten() {
                            Some(v) => format_value(v),
                            None => "—".to_string(),
                        };
                        let swatch = format!("background:{}", theme.series_color(*i).css());
                        view! {
                            <li>
                                <span class="swatch" style=swatch></span>
                                <span class="legend-name">{s.name.clone()}</span>
                                <span class="value">{value}</span>
                            </li>
                        }
                    })
                    .collect_view();
                (rows, shown.len().saturating_sub(TOOLTIP_ROWS))
            })
        });
        // Keep the tooltip inside the chart: right of the line on the left half, else left of it.
        let side = if x - area.left < area.width / 2.0 {
            format!("left:{}px", x + 12.0)
        } else {
            format!("right:{}px", f64::from(width.get_untracked()) - x + 12.0)
        };
        Some(view! {
            <div
                class="chart-crosshair"
                aria-hidden="true"
                style=format!("position:absolute;pointer-events:none;width:1px;left:{x}px;top:{}px;height:{}px", area.top, area.height)
            ></div>
            <div class="chart-tooltip" aria-hidden="true" style=format!("position:absolute;pointer-events:none;top:{}px;{side}", area.top + 4.0)>
                <div class="time">{time}</div>
                <ul>{rows}</ul>
                {(more > 0).then(|| view! { <div class="more">{format!("… and {more} more")}</div> })}
            </div>
        })
    };

    let figure_label = title.clone();
    let label = {
        let title = title.clone();
        move || {
            let empty = if loading.get() { LOADING } else { NO_DATA };
            describe(
                &title,
                series.with(Vec::len),
                hidden.with(BTreeSet::len),
                plot.get(),
                empty,
            )
        }
    };
    let state = move || match plot.get() {
        None => "pending",
        Some(area) if area.drawn == 0 => "empty",
        Some(_) => "drawn",
    };
    view! {
        <figure class="time-chart" aria-label=figure_label data-state=state data-drawn=move || plot.get().map(|p| p.drawn).unwrap_or(0)>
            <div class="chart-plot" node_ref=wrap_ref style="position:relative;overflow:hidden">
                <canvas
                    node_ref=canvas_ref
                    role="img"
                    aria-label=label
                    style=format!("display:block;width:100%;height:{height}px")
                    on:mousemove=move |ev: web_sys::MouseEvent| hover_x.set(Some(f64::from(ev.offset_x())))
                    on:mouseleave=move |_| hover_x.set(None)
                ></canvas>
                {tooltip}
            </div>
            <div class="chart-footer">
                <ChartLegend series=series theme=theme hidden=hidden />
                <button
                    type="button"
                    class="table-toggle"
                    aria-pressed=move || show_table.get().to_string()
                    on:click=move |_| show_table.update(|s| *s = !*s)
                >
                    "Show as table"
                </button>
            </div>
            {move || {
                show_table.get().then(|| view! {
                    <ChartTable series=series grid=grid hidden=hidden utc_offset_min=offset title=title.clone() />
                })
            }}
        </figure>
    }
}

/// The canvas' accessible name: what is plotted, or that nothing is.
fn describe(
    title: &str,
    series: usize,
    hidden: usize,
    plot: Option<PlotArea>,
    empty: &str,
) -> String {
    match plot {
        Some(p) if p.drawn == 0 && hidden > 0 => format!("{title}: all series hidden"),
        Some(p) if p.drawn == 0 => format!("{title}: {empty}"),
        _ => format!("{title}: line chart of {series} series (\"Show as table\" lists the values)"),
    }
}

//! Browser tests of the time chart: a HiDPI backing store, real pixels where the lines are,
//! gaps left blank, legend toggles, the table view with NaN/±Inf/gaps, the "No data" state,
//! the hover tooltip, theme changes, and the redraw time of 100 series × 11,000 points.
#![cfg(target_arch = "wasm32")]

use gatewatch::chart::render::{render, Frame};
use gatewatch::chart::theme::{Rgb, Theme, LIGHT_PALETTE};
use gatewatch::components::time_chart::TimeChart;
use gatewatch_core::charts::chart_data::{ChartSeries, Grid};
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/dom.rs"]
mod dom;

/// 2023-11-14 22:13:20 UTC.
const T0: f64 = 1_700_000_000.0;

fn series(name: &str, values: Vec<Option<f64>>) -> ChartSeries {
    ChartSeries {
        name: name.into(),
        labels: [("job".to_string(), name.to_string())].into(),
        values,
    }
}

struct Mounted {
    _handle: Box<dyn std::any::Any>,
    root: web_sys::Element,
    data: RwSignal<Vec<ChartSeries>>,
}

impl Mounted {
    fn find(&self, selector: &str) -> web_sys::Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no element {selector}"))
    }

    fn all(&self, selector: &str) -> Vec<web_sys::Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().unchecked_into())
            .collect()
    }

    fn attr(&self, selector: &str, name: &str) -> String {
        self.find(selector).get_attribute(name).unwrap_or_default()
    }

    fn click(&self, selector: &str) {
        self.find(selector)
            .unchecked_into::<web_sys::HtmlElement>()
            .click();
    }

    fn canvas(&self) -> HtmlCanvasElement {
        self.find("figure canvas").unchecked_into()
    }

    /// Waits for a drawing (the figure says "drawn" or "empty").
    async fn drawn(&self) {
        let figure = self.find("figure.time-chart");
        dom::eventually("the chart is drawn", || {
            figure.get_attribute("data-state").as_deref() != Some("pending")
        })
        .await;
    }
}

fn mount_chart(data: Vec<ChartSeries>, grid: Grid, width_px: u32) -> Mounted {
    let data = RwSignal::new(data);
    let root = dom::document().create_element("div").unwrap();
    root.set_attribute("style", &format!("width:{width_px}px"))
        .unwrap();
    dom::document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        view! {
            <TimeChart
                series=data
                grid=Signal::derive(move || grid)
                title="Records processed"
                utc_offset_min=Signal::derive(|| 0)
            />
        }
    });
    Mounted {
        _handle: Box::new(handle),
        root,
        data,
    }
}

/// Pixel tests and the theme test take turns: a theme change would recolour every chart.
struct PixelLock;

thread_local! {
    static PIXELS_BUSY: Cell<bool> = const { Cell::new(false) };
}

async fn pixel_lock() -> PixelLock {
    while PIXELS_BUSY.with(|b| b.replace(true)) {
        dom::sleep(10).await;
    }
    PixelLock
}

impl Drop for PixelLock {
    fn drop(&mut self) {
        PIXELS_BUSY.with(|b| b.set(false));
    }
}

fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    context
        .get_image_data(0.0, 0.0, canvas.width().into(), canvas.height().into())
        .unwrap()
        .data()
        .0
}

/// Pixels of exactly `color` in columns `x0..x1` of the canvas.
fn count_color(canvas: &HtmlCanvasElement, color: Rgb, x0: u32, x1: u32) -> usize {
    let width = canvas.width() as usize;
    pixels(canvas)
        .chunks_exact(4)
        .enumerate()
        .filter(|(i, p)| {
            let x = (i % width) as u32;
            x >= x0
                && x < x1
                && p[0] == color.0
                && p[1] == color.1
                && p[2] == color.2
                && p[3] == 255
        })
        .count()
}

/// A gapless line across the plot has at least this many pixels of its colour: the plot spans
/// most of the canvas width, and a line is at least one device pixel thick.
fn line_pixels(canvas: &HtmlCanvasElement) -> usize {
    canvas.width() as usize * 8 / 10
}

fn two_lines() -> (Vec<ChartSeries>, Grid) {
    let grid = Grid::new(T0, T0 + 99.0 * 15.0, 15.0);
    // "a" has a gap over steps 40..60; "b" is a steady line above it.
    let a = (0..100)
        .map(|i| (!(40..60).contains(&i)).then_some(10.0))
        .collect();
    let b = vec![Some(20.0); 100];
    (vec![series("a", a), series("b", b)], grid)
}

#[wasm_bindgen_test]
async fn backing_store_is_css_size_times_device_pixel_ratio() {
    let (data, grid) = two_lines();
    let m = mount_chart(data, grid, 640);
    m.drawn().await;
    let canvas = m.canvas();
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    let plot = m.find(".chart-plot");
    assert!(canvas.client_width() > 300);
    assert_eq!(
        canvas.client_width(),
        plot.client_width(),
        "as wide as its container"
    );
    assert_eq!(canvas.client_height(), 280);
    assert_eq!(
        canvas.width(),
        (f64::from(canvas.client_width()) * dpr).round() as u32
    );
    assert_eq!(canvas.height(), (280.0 * dpr).round() as u32);
    assert_eq!(m.attr("canvas", "role"), "img");
    let label = m.attr("canvas", "aria-label");
    assert!(
        label.starts_with("Records processed: line chart of 2 series"),
        "{label}"
    );
}

#[wasm_bindgen_test]
async fn lines_are_drawn_in_their_colours_with_gaps_left_blank() {
    let _lock = pixel_lock().await;
    let (data, grid) = two_lines();
    let m = mount_chart(data, grid, 640);
    m.drawn().await;
    let canvas = m.canvas();
    let w = canvas.width();
    assert_eq!(m.attr("figure", "data-drawn"), "2");
    assert!(
        count_color(&canvas, LIGHT_PALETTE[0], 0, w) > w as usize * 6 / 10,
        "series a drawn: {} of {w}",
        count_color(&canvas, LIGHT_PALETTE[0], 0, w)
    );
    assert!(
        count_color(&canvas, LIGHT_PALETTE[1], 0, w) > w as usize * 8 / 10,
        "series b drawn"
    );
    // Steps 40..60 of 0..99 sit in the middle fifth of the plot: a's gap, b's line.
    let (x0, x1) = (w * 46 / 100, w * 56 / 100);
    assert_eq!(
        count_color(&canvas, LIGHT_PALETTE[0], x0, x1),
        0,
        "gap is blank"
    );
    assert!(count_color(&canvas, LIGHT_PALETTE[1], x0, x1) > 50);
}

#[wasm_bindgen_test]
async fn legend_buttons_toggle_series() {
    let _lock = pixel_lock().await;
    let (data, grid) = two_lines();
    let m = mount_chart(data, grid, 640);
    m.drawn().await;
    let buttons = m.all("ul.chart-legend button.legend-item");
    assert_eq!(buttons.len(), 2);
    assert_eq!(buttons[0].text_content().unwrap(), "a");
    assert_eq!(buttons[0].get_attribute("aria-pressed").unwrap(), "true");
    buttons[0].unchecked_ref::<web_sys::HtmlElement>().click();
    leptos::task::tick().await;
    let canvas = m.canvas();
    dom::eventually("series a hidden", || m.attr("figure", "data-drawn") == "1").await;
    assert_eq!(buttons[0].get_attribute("aria-pressed").unwrap(), "false");
    assert_eq!(count_color(&canvas, LIGHT_PALETTE[0], 0, canvas.width()), 0);
    assert!(count_color(&canvas, LIGHT_PALETTE[1], 0, canvas.width()) > line_pixels(&canvas));
    // The same button element (focus stays on it) turns the series back on.
    let again = m.all("ul.chart-legend button.legend-item");
    assert!(again[0] == buttons[0]);
    m.click("button.show-all");
    dom::eventually("series a shown", || m.attr("figure", "data-drawn") == "2").await;
    assert_eq!(buttons[0].get_attribute("aria-pressed").unwrap(), "true");
    assert!(
        count_color(&canvas, LIGHT_PALETTE[0], 0, canvas.width()) > line_pixels(&canvas) * 3 / 4
    );
}

#[wasm_bindgen_test]
async fn the_table_lists_points_with_nan_inf_and_gaps_as_text() {
    let grid = Grid::new(T0, T0 + 40.0, 10.0);
    let x = series(
        "x",
        vec![
            Some(1.0),
            Some(f64::NAN),
            Some(f64::INFINITY),
            None,
            Some(5.0),
        ],
    );
    let y = series(
        "y",
        vec![None, Some(2.0), None, None, Some(f64::NEG_INFINITY)],
    );
    let m = mount_chart(vec![x, y], grid, 640);
    m.drawn().await;
    assert!(m.root.query_selector("table").unwrap().is_none());
    m.click("button.table-toggle");
    leptos::task::tick().await;
    assert_eq!(m.attr("button.table-toggle", "aria-pressed"), "true");
    let heads: Vec<String> = m
        .all("table thead th[scope='col']")
        .iter()
        .map(|h| h.text_content().unwrap())
        .collect();
    assert_eq!(heads, ["Time (UTC)", "x", "y"]);
    let rows: Vec<String> = m
        .all("table tbody tr")
        .iter()
        .map(|r| {
            let cells = r.query_selector_all("th, td").unwrap();
            (0..cells.length())
                .map(|i| cells.item(i).unwrap().text_content().unwrap())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    assert_eq!(
        rows,
        [
            "2023-11-14 22:14:00 | 5 | -Inf",
            "2023-11-14 22:13:40 | +Inf | —",
            "2023-11-14 22:13:30 | NaN | 2",
            "2023-11-14 22:13:20 | 1 | —",
        ],
        "newest first; the step without samples is left out"
    );
    assert!(m
        .find("table caption")
        .text_content()
        .unwrap()
        .contains("4 steps with data"));
    // Hiding a series removes its column.
    m.click("ul.chart-legend li:nth-child(2) button");
    leptos::task::tick().await;
    assert_eq!(m.all("table thead th[scope='col']").len(), 2);
    m.click("button.table-toggle");
    leptos::task::tick().await;
    assert!(m.root.query_selector("table").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn empty_data_says_no_data() {
    let _lock = pixel_lock().await;
    let grid = Grid::new(T0, T0 + 3600.0, 15.0);
    let m = mount_chart(Vec::new(), grid, 500);
    m.drawn().await;
    assert_eq!(m.attr("figure", "data-state"), "empty");
    assert_eq!(m.attr("canvas", "aria-label"), "Records processed: No data");
    // The message is drawn in the middle of the canvas in the text colour.
    let canvas = m.canvas();
    let (w, h) = (canvas.width() as usize, canvas.height() as usize);
    let data = pixels(&canvas);
    // Grid lines are lighter (#d0d7de); the text is dark, antialiased.
    let text_pixels = (h / 2 - 15..h / 2 + 15)
        .flat_map(|y| (w / 2 - 60..w / 2 + 60).map(move |x| (y * w + x) * 4))
        .filter(|&i| data[i] < 200)
        .count();
    assert!(
        text_pixels > 20,
        "'No data' drawn: {text_pixels} dark pixels"
    );
    // Series without a single sample are no data either; new data replaces the message.
    m.data.set(vec![series("gone", vec![None; 241])]);
    leptos::task::tick().await;
    assert_eq!(m.attr("figure", "data-state"), "empty");
    m.data.set(vec![series("back", vec![Some(1.0); 241])]);
    dom::eventually("redrawn with data", || {
        m.attr("figure", "data-state") == "drawn"
    })
    .await;
    assert!(
        count_color(&canvas, LIGHT_PALETTE[0], 0, canvas.width()) > line_pixels(&canvas) * 3 / 4
    );
}

#[wasm_bindgen_test]
async fn hovering_shows_the_values_at_the_nearest_step() {
    let grid = Grid::new(T0, T0 + 40.0, 10.0);
    let x = series(
        "x",
        vec![
            Some(1.0),
            Some(f64::NAN),
            Some(f64::INFINITY),
            None,
            Some(5.0),
        ],
    );
    let y = series("y", vec![None, Some(2.0), None, None, Some(0.5)]);
    let m = mount_chart(vec![x, y], grid, 640);
    m.drawn().await;
    let canvas = m.canvas();
    let rect = canvas.get_bounding_client_rect();
    let mouse = |kind: &str, x: f64| {
        let init = web_sys::MouseEventInit::new();
        init.set_client_x((rect.left() + x) as i32);
        init.set_client_y((rect.top() + 100.0) as i32);
        init.set_bubbles(true);
        let event = web_sys::MouseEvent::new_with_mouse_event_init_dict(kind, &init).unwrap();
        canvas.dispatch_event(&event).unwrap();
    };
    // The middle of the canvas is nearest step 2 (22:13:40).
    mouse("mousemove", f64::from(canvas.client_width()) / 2.0);
    leptos::task::tick().await;
    let tip = m.find(".chart-tooltip").text_content().unwrap();
    assert!(tip.contains("2023-11-14 22:13:40 UTC"), "{tip}");
    assert!(tip.contains("x+Inf") && tip.contains("y—"), "{tip}");
    assert!(m.root.query_selector(".chart-crosshair").unwrap().is_some());
    mouse("mousemove", f64::from(canvas.client_width()) - 16.0);
    leptos::task::tick().await;
    let tip = m.find(".chart-tooltip").text_content().unwrap();
    assert!(
        tip.contains("22:14:00") && tip.contains("x5") && tip.contains("y0.5"),
        "{tip}"
    );
    mouse("mouseleave", 0.0);
    leptos::task::tick().await;
    assert!(m.root.query_selector(".chart-tooltip").unwrap().is_none());
}

/// A theme with a black background, selected by `<html data-theme=NAME>`; dropping it removes
/// its style sheet. `restore` puts back the page's theme from before.
struct BlackTheme {
    name: &'static str,
    style: web_sys::Element,
    before: Option<String>,
}

impl BlackTheme {
    fn new(name: &'static str) -> BlackTheme {
        let style = dom::document().create_element("style").unwrap();
        style.set_text_content(Some(&format!(
            "html[data-theme='{name}'] {{ --bg: #000000; --fg: #ffffff; --border: #333333; }}"
        )));
        dom::document()
            .head()
            .unwrap()
            .append_child(&style)
            .unwrap();
        let before = Self::html().get_attribute("data-theme");
        BlackTheme {
            name,
            style,
            before,
        }
    }

    fn html() -> web_sys::Element {
        dom::document().document_element().unwrap()
    }

    fn apply(&self) {
        Self::html().set_attribute("data-theme", self.name).unwrap();
    }

    fn restore(&self) {
        match &self.before {
            Some(theme) => Self::html().set_attribute("data-theme", theme).unwrap(),
            None => Self::html().remove_attribute("data-theme").unwrap(),
        }
    }
}

impl Drop for BlackTheme {
    fn drop(&mut self) {
        self.style.remove();
    }
}

#[wasm_bindgen_test]
async fn a_theme_change_redraws_in_the_new_colours() {
    let _lock = pixel_lock().await;
    let black = BlackTheme::new("gw-test-dark");
    let (data, grid) = two_lines();
    let m = mount_chart(data, grid, 400);
    m.drawn().await;
    let canvas = m.canvas();
    let corner = || pixels(&canvas)[..3].to_vec();
    assert_eq!(corner(), [255, 255, 255]);
    black.apply();
    dom::eventually("dark background", || corner() == [0, 0, 0]).await;
    let dark = gatewatch::chart::theme::DARK_PALETTE[1];
    assert!(count_color(&canvas, dark, 0, canvas.width()) > line_pixels(&canvas));
    assert_eq!(count_color(&canvas, LIGHT_PALETTE[1], 0, canvas.width()), 0);
    black.restore();
    dom::eventually("light again", || corner() == [255, 255, 255]).await;
}

/// The app sets `data-theme` in an effect, after the chart has read the colours once and
/// before the chart's own watch starts: the chart must still draw in the theme of the page.
#[wasm_bindgen_test]
async fn a_theme_set_before_the_chart_watches_is_drawn() {
    let _lock = pixel_lock().await;
    let black = BlackTheme::new("gw-test-early");
    let (data, grid) = two_lines();
    let m = mount_chart(data, grid, 400);
    // Mounted, its effects not run yet: the theme changes now.
    black.apply();
    m.drawn().await;
    let canvas = m.canvas();
    dom::eventually("dark background", || pixels(&canvas)[..3] == [0, 0, 0]).await;
    black.restore();
    dom::eventually("light again", || pixels(&canvas)[..3] == [255, 255, 255]).await;
}

#[wasm_bindgen_test]
async fn a_hundred_series_of_11000_points_redraw_in_tens_of_milliseconds() {
    let grid = Grid::new(T0, T0 + 10_999.0 * 15.0, 15.0);
    let mut seed = 1u64;
    let data: Vec<ChartSeries> = (0..100)
        .map(|s| {
            let values = (0..11_000)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let noise = (seed >> 40) as f64 / (1u64 << 24) as f64;
                    Some(s as f64 * 10.0 + (i as f64 / 500.0).sin() * 20.0 + noise * 5.0)
                })
                .collect();
            series(&format!("s{s}"), values)
        })
        .collect();
    let canvas: HtmlCanvasElement = dom::document()
        .create_element("canvas")
        .unwrap()
        .unchecked_into();
    canvas.set_width(1200);
    canvas.set_height(400);
    let theme = Theme::light();
    let visible = vec![true; 100];
    let frame = Frame {
        grid: &grid,
        series: &data,
        visible: &visible,
        theme: &theme,
        utc_offset_min: 0,
        dpr: 1.0,
        empty_message: "No data",
    };
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = js_sys::Date::now();
        let area = render(&canvas, &frame).unwrap();
        // Reading a pixel waits for the drawing to finish.
        let _ = pixels(&canvas)[0];
        times.push(js_sys::Date::now() - start);
        assert_eq!(area.drawn, 100);
    }
    times.sort_by(f64::total_cmp);
    console_log!(
        "redraw of 100 × 11,000 points at 1200×400: {times:?} ms (median {})",
        times[2]
    );
    assert!(times[2] < 1000.0, "median redraw {} ms", times[2]);
}

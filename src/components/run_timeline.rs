//! A job's runs on a time line (drawn by `chart::timeline`), redrawn on new runs, theme change
//! and resize, with the summary in words for assistive technology.

use crate::browser::utc_offset_minutes;
use crate::chart::observe::ChartWatch;
use crate::chart::theme::Theme;
use crate::chart::timeline::{render_timeline, Lanes, TIMELINE_HEIGHT_PX};
use leptos::html::{Canvas, Div};
use leptos::prelude::*;

/// The runs of one range: times of successful, failed and missed runs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineRuns {
    pub from: f64,
    pub to: f64,
    pub ok: Vec<f64>,
    pub failed: Vec<f64>,
    pub missed: Vec<f64>,
}

#[component]
pub fn RunTimeline(
    #[prop(into)] runs: Signal<TimelineRuns>,
    /// "287 runs, 2 missed, 1 failed": the canvas' text for screen readers.
    #[prop(into)]
    summary: Signal<String>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let wrap_ref = NodeRef::<Div>::new();
    let width = RwSignal::new(0u32);
    let theme = RwSignal::new(Theme::from_document());
    let watches = StoredValue::new_local(None::<ChartWatch>);
    let utc_offset_min = utc_offset_minutes();
    Effect::new(move || {
        let Some(wrap) = wrap_ref.get() else { return };
        if watches.with_value(Option::is_some) {
            return;
        }
        let watch = ChartWatch::new(
            &wrap,
            move |w| {
                if width.get_untracked() != w {
                    width.set(w);
                }
            },
            move |now| {
                if theme.get_untracked() != now {
                    theme.set(now);
                }
            },
        );
        watches.set_value(Some(watch));
    });
    on_cleanup(move || {
        watches.try_update_value(Option::take);
    });
    Effect::new(move || {
        let Some(canvas) = canvas_ref.get() else { return };
        let css_width = width.get();
        if css_width == 0 {
            return;
        }
        let dpr = window().device_pixel_ratio();
        let backing = (
            (f64::from(css_width) * dpr).round() as u32,
            (f64::from(TIMELINE_HEIGHT_PX) * dpr).round() as u32,
        );
        if (canvas.width(), canvas.height()) != backing {
            canvas.set_width(backing.0);
            canvas.set_height(backing.1);
        }
        let _ =
            web_sys::HtmlElement::style(&canvas).set_property("width", &format!("{css_width}px"));
        let theme = theme.get();
        let drawn = runs.with(|r| {
            render_timeline(
                &canvas,
                &Lanes {
                    from: r.from,
                    to: r.to,
                    ok: &r.ok,
                    failed: &r.failed,
                    missed: &r.missed,
                    theme: &theme,
                    utc_offset_min,
                    dpr,
                },
            )
        });
        if let Err(e) = drawn {
            leptos::logging::warn!("timeline not drawn: {}", e.0);
        }
    });
    view! {
        <div class="run-timeline" node_ref=wrap_ref>
            <canvas node_ref=canvas_ref height=TIMELINE_HEIGHT_PX role="img"
                aria-label=move || format!("Runs on a time line: {}", summary.get())></canvas>
            <p class="hint timeline-summary">{summary}</p>
        </div>
    }
}

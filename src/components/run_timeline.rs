//! A job's runs over the range on a canvas (drawn by `chart::timeline`), redrawn on new runs,
//! theme change and resize, with the same in words beside it for everyone.

use crate::browser::utc_offset_minutes;
use crate::chart::observe::use_chart_watch;
use crate::chart::timeline::{render_timeline, Timeline, TIMELINE_HEIGHT_PX};
use gatewatch_core::schedule::heartbeat::summary;
use gatewatch_core::schedule::report::JobReport;
use leptos::html::{Canvas, Div};
use leptos::prelude::*;

#[component]
pub fn RunTimeline(
    /// The report, and the range it covers (`from`, `to`).
    #[prop(into)]
    report: Signal<Option<(JobReport, f64, f64)>>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    let wrap_ref = NodeRef::<Div>::new();
    let (width, theme) = use_chart_watch(wrap_ref);
    let utc_offset_min = utc_offset_minutes();
    // "drawn" once the report's runs are on the canvas (tests and benchmarks wait for it).
    let drawn = RwSignal::new(false);

    Effect::new(move || {
        let (Some(canvas), css_width) = (canvas_ref.get(), width.get()) else {
            return;
        };
        if css_width == 0 {
            return; // not laid out (hidden): keep the last picture
        }
        let dpr = window().device_pixel_ratio();
        canvas.set_width((f64::from(css_width) * dpr).round() as u32);
        canvas.set_height((f64::from(TIMELINE_HEIGHT_PX) * dpr).round() as u32);
        let theme = theme.get();
        report.with(|r| {
            let Some((report, from, to)) = r else { return };
            let timeline = Timeline {
                from: *from,
                to: *to,
                runs: &report.runs,
                compliance: report.compliance.as_ref(),
                theme: &theme,
                utc_offset_min,
                dpr,
            };
            match render_timeline(&canvas, &timeline) {
                Ok(()) => drawn.set(true),
                Err(e) => leptos::logging::warn!("timeline not drawn: {}", e.0),
            }
        });
    });

    let text = move || {
        report.with(|r| match r {
            Some((report, from, _)) => {
                // Every run of the report is in the range; one pushed at its very end counts.
                summary(
                    &report.runs,
                    report.compliance.as_ref(),
                    *from,
                    f64::INFINITY,
                )
            }
            None => "Loading runs…".to_string(),
        })
    };
    view! {
        <figure class="run-timeline" data-state=move || if drawn.get() { "drawn" } else { "loading" }>
            <div node_ref=wrap_ref>
                <canvas
                    node_ref=canvas_ref
                    role="img"
                    aria-label=move || format!("Runs over the range: {}", text())
                    style=format!("display:block;width:100%;height:{TIMELINE_HEIGHT_PX}px")
                ></canvas>
            </div>
            <figcaption>
                <span class="legend-ok">"on time"</span>
                <span class="legend-warn">"missed or late"</span>
                <span class="legend-bad">"failed"</span>
                <span class="timeline-summary" data-testid="timeline-summary">{text}</span>
            </figcaption>
        </figure>
    }
}

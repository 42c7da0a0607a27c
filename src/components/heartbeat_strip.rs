//! One group's heartbeat strip in its table row: a small canvas drawn by `chart::strip`, with
//! the strip's summary as its accessible name and tooltip.

use crate::chart::strip::{render_strip, STRIP_CSS_HEIGHT, STRIP_CSS_WIDTH};
use crate::chart::theme::Theme;
use gatewatch_core::schedule::strips::Strip;
use leptos::html::Canvas;
use leptos::prelude::*;

#[component]
pub fn HeartbeatStrip(
    /// None until the history of the row's job is in.
    #[prop(into)]
    strip: Signal<Option<Strip>>,
    #[prop(into)] theme: Signal<Theme>,
    /// The strips cannot be read now (the page says why above the table).
    #[prop(into)]
    unavailable: Signal<bool>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    // "drawn" once the strip's data is on the canvas (tests and benchmarks wait for it).
    let drawn = RwSignal::new(false);
    // Drawn once its data is in: a page of new rows (a filter keystroke) costs no drawing
    // until their answer arrives; until then the canvas is blank and says "loading".
    Effect::new(move || {
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let theme = theme.get();
        strip.with(|s| {
            let Some(s) = s else {
                return;
            };
            let dpr = window().device_pixel_ratio();
            canvas.set_width((f64::from(STRIP_CSS_WIDTH) * dpr).round() as u32);
            canvas.set_height((f64::from(STRIP_CSS_HEIGHT) * dpr).round() as u32);
            match render_strip(&canvas, &s.beats, &theme, dpr) {
                Ok(()) => drawn.set(true),
                Err(e) => leptos::logging::warn!("heartbeat strip not drawn: {}", e.0),
            }
        });
    });
    // One text for the accessible name and the tooltip.
    let summary = Memo::new(move |_| {
        strip.with(|s| match s {
            Some(s) => format!("Last 24 h: {}", s.summary),
            None if unavailable.get() => "Last 24 h: unavailable (see above the table)".to_string(),
            None => "Last 24 h: loading…".to_string(),
        })
    });
    view! {
        <canvas
            node_ref=canvas_ref
            class="heartbeat"
            data-state=move || if drawn.get() { "drawn" } else { "loading" }
            role="img"
            aria-label=summary
            title=summary
            style=format!("width:{STRIP_CSS_WIDTH}px;height:{STRIP_CSS_HEIGHT}px")
        ></canvas>
    }
}

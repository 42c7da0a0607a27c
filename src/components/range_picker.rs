//! Time range choice: presets from 5 minutes to 7 days, or a custom absolute range in local time.

use crate::browser::utc_offset_minutes;
use gatewatch_core::time::range::{
    format_local_datetime, parse_local_datetime, TimeRange, PRESETS,
};
use leptos::prelude::*;

#[component]
pub fn RangePicker(
    #[prop(into)] range: Signal<TimeRange>,
    #[prop(into)] on_change: Callback<TimeRange>,
    /// Where the current range ends, for pre-filling the custom inputs.
    #[prop(into)]
    now: Signal<f64>,
) -> impl IntoView {
    let offset = utc_offset_minutes();
    let custom_open = RwSignal::new(false);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let open_custom = move |_| {
        let (start, end) = range.get_untracked().bounds(now.get_untracked());
        from.set(format_local_datetime(start, offset));
        to.set(format_local_datetime(end, offset));
        error.set(None);
        custom_open.update(|o| *o = !*o);
    };
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match (
            parse_local_datetime(&from.get(), offset),
            parse_local_datetime(&to.get(), offset),
        ) {
            (Some(start), Some(end)) if end > start => {
                on_change.run(TimeRange::Between { start, end });
                custom_open.set(false);
            }
            (Some(_), Some(_)) => error.set(Some("The end must be after the start.".into())),
            _ => error.set(Some("Enter both times as date and time.".into())),
        }
    };
    let presets = PRESETS
        .into_iter()
        .map(|(label, secs)| {
            let pressed = move || (range.get() == TimeRange::Last(secs)).to_string();
            view! {
                <button
                    type="button"
                    class="preset"
                    aria-pressed=pressed
                    on:click=move |_| on_change.run(TimeRange::Last(secs))
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    let is_custom = move || matches!(range.get(), TimeRange::Between { .. });
    view! {
        <div class="range-picker" role="group" aria-label="Time range">
            <span class="range-label">"Last"</span>
            {presets}
            <button
                type="button"
                aria-pressed=move || is_custom().to_string()
                aria-expanded=move || custom_open.get().to_string()
                on:click=open_custom
            >
                "Custom…"
            </button>
        </div>
        <Show when=move || custom_open.get()>
            <form class="custom-range" on:submit=apply>
                <label for="range-from">"From"</label>
                <input id="range-from" type="datetime-local" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) />
                <label for="range-to">"To"</label>
                <input id="range-to" type="datetime-local" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev)) />
                <button type="submit" class="primary">"Apply"</button>
                {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
            </form>
        </Show>
    }
}

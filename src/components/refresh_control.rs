//! Auto-refresh picker (off / 5 s / 15 s / 1 min) and a refresh-now button with a spinner.
//! Timers pause while the tab is hidden; each read keeps one request in flight (`Load`).

use crate::browser::tab_hidden;
use crate::load::RefreshCause;
use leptos::prelude::*;
use std::time::Duration;

const CHOICES: [(&str, u32); 4] = [("Off", 0), ("5 s", 5), ("15 s", 15), ("1 min", 60)];

/// Calls `on_refresh` every `every_secs` while visible (0 = off), and when the button is pressed.
#[component]
pub fn RefreshControl(
    #[prop(into)] on_refresh: Callback<RefreshCause>,
    #[prop(into)] loading: Signal<bool>,
    every_secs: RwSignal<u32>,
) -> impl IntoView {
    let elapsed = RwSignal::new(0u32);
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let every = every_secs.get_untracked();
            if every == 0 || tab_hidden() {
                return;
            }
            let next = elapsed.get_untracked() + 1;
            if next >= every {
                elapsed.set(0);
                // A failing backend keeps to its backoff; the button below asks at once.
                on_refresh.run(RefreshCause::Timer);
            } else {
                elapsed.set(next);
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }

    view! {
        <div class="refresh">
            <label for="auto-refresh">"Auto-refresh"</label>
            <select
                id="auto-refresh"
                on:change=move |ev| {
                    every_secs.set(event_target_value(&ev).parse().unwrap_or(0));
                    elapsed.set(0);
                }
            >
                {CHOICES
                    .into_iter()
                    .map(|(label, secs)| {
                        view! {
                            <option value=secs.to_string() selected=move || every_secs.get() == secs>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <button
                type="button"
                on:click=move |_| {
                    elapsed.set(0);
                    on_refresh.run(RefreshCause::User);
                }
            >
                "Refresh"
            </button>
            <span class="spinner" class:active=move || loading.get() role="status">
                {move || if loading.get() { "Loading…" } else { "" }}
            </span>
        </div>
    }
}

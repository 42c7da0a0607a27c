//! Auto-refresh picker (off / 5 s / 15 s / 1 min) and a refresh-now button with a spinner.
//! Polling pauses while the tab is hidden; the poller itself keeps one request in flight.

use crate::browser::tab_hidden;
use crate::views::derived::Derived;
use crate::views::handler::Handler;
use crate::views::poll;
use leptos::prelude::*;
use std::time::Duration;

const CHOICES: [(&str, u32); 4] = [("Off", 0), ("5 s", 5), ("15 s", 15), ("1 min", 60)];

/// Calls `on_refresh` every `every_secs` while visible (0 = off), and when the button is pressed.
#[component]
pub fn RefreshControl(
    #[prop(into)] on_refresh: Handler<()>,
    #[prop(into)] loading: Derived<bool>,
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
                poll::automatic(|| on_refresh.run(()));
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
                    on_refresh.run(());
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

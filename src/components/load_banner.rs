//! The state of one backend read in words: its error (naming the backend), the time of the data
//! still shown, the retry countdown, and a note when the backend is slow to answer.

use crate::browser::now_secs;
use crate::clock::use_clock;
use crate::components::error_banner::ErrorBanner;
use crate::load::LoadStatus;
use gatewatch_core::http::backoff::waiting_note;
use gatewatch_core::http::error::Backend;
use leptos::prelude::*;

#[component]
pub fn LoadBanner(
    #[prop(into)] load: LoadStatus,
    /// Which backend the read asks, for the slow-answer note (errors name their own).
    backend: Backend,
    /// The read's data is not what the page shows (e.g. only settings derived from it): no
    /// "showing the last data received" note.
    #[prop(optional)]
    hide_data_time: bool,
) -> impl IntoView {
    let now = use_clock();
    // `now` ticks the countdown only while there is one; the clock itself is read fresh, since
    // a retry planned between two ticks would count from a time up to a second old.
    let retry = Signal::derive(move || {
        let state = load.retry_state();
        (state.failures > 0)
            .then(|| {
                now.track();
                state.note(now_secs())
            })
            .flatten()
    });
    let data_from = Signal::derive(move || {
        if hide_data_time {
            return None;
        }
        load.data_at.get()
    });
    let waiting = move || {
        load.started_at
            .get()
            .and_then(|since| waiting_note(backend.name(), since, now.get()))
    };
    view! {
        <ErrorBanner error=load.error data_from=data_from retry=retry />
        {move || waiting().map(|note| view! {
            <p class="hint slow-note" role="status" data-backend=backend.name()>{note}</p>
        })}
    }
}

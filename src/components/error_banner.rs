//! Shows a backend error with what to do about it, how old the data still on screen is, and
//! when the console asks the backend again.

use gatewatch_core::http::error::ApiError;
use gatewatch_core::time::format::format_utc;
use leptos::prelude::*;

#[component]
pub fn ErrorBanner(
    #[prop(into)] error: Signal<Option<ApiError>>,
    /// When the data still shown arrived, if any is shown.
    #[prop(into)]
    data_from: Signal<Option<f64>>,
    /// The retry to come, e.g. "Retrying in 4 s (attempt 3)." (nothing: no retry is planned).
    #[prop(optional, into)]
    retry: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let stale_note = data_from
                .get()
                .map(|at| format!("Showing the last data received, from {}.", format_utc(at)));
            view! {
                <div class="error-box" role="alert" data-backend=e.backend().name()>
                    <strong>{e.to_string()}</strong>
                    <p>{e.advice()}</p>
                    {stale_note.map(|note| view! { <p class="hint stale-note">{note}</p> })}
                    {move || retry.get().map(|note| view! { <p class="hint retry-note">{note}</p> })}
                </div>
            }
        })
    }
}

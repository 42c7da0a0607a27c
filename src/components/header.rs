//! The top bar: product name, navigation between pages, backend health and the settings button.

use crate::components::backend_health::BackendHealth;
use crate::components::settings_dialog::SettingsDialog;
use crate::pages::link_rel;
use gatewatch_core::page::Page;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Header() -> impl IntoView {
    let settings_open = RwSignal::new(false);
    view! {
        <header class="topbar">
            // A plain link (the router follows it too): one "current page" per page, in the nav.
            <a class="brand" href=Page::HOME.path()>"gatewatch"</a>
            <nav aria-label="Views">
                {Page::ALL
                    .into_iter()
                    .map(|page| match link_rel(page) {
                        None => view! { <A href=page.path()>{page.title()}</A> }.into_any(),
                        // In the other document: the browser loads it.
                        Some(rel) => view! { <a href=page.path() rel=rel>{page.title()}</a> }.into_any(),
                    })
                    .collect_view()}
            </nav>
            <BackendHealth />
            <button
                type="button"
                class="settings-button"
                aria-haspopup="dialog"
                aria-expanded=move || settings_open.get().to_string()
                on:click=move |_| settings_open.set(true)
            >
                "Settings"
            </button>
        </header>
        <Show when=move || settings_open.get()>
            <SettingsDialog on_close=move |()| settings_open.set(false) />
        </Show>
    }
}

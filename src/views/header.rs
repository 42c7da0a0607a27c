//! The top bar: product name, navigation between views, backend health and the settings button.

use crate::views::backend_health::BackendHealth;
use crate::views::settings_dialog::SettingsDialog;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Header() -> impl IntoView {
    let settings_open = RwSignal::new(false);
    view! {
        <header class="topbar">
            <a class="brand" href="/groups">"gatewatch"</a>
            <nav aria-label="Views">
                <A href="/groups">"Groups"</A>
                <A href="/charts">"Charts"</A>
                <A href="/explore">"Explore"</A>
                <A href="/targets">"Targets"</A>
                <A href="/windmill">"Windmill"</A>
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
            <SettingsDialog on_close=move || settings_open.set(false) />
        </Show>
    }
}

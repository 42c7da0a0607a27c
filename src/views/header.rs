//! The top bar: product name, navigation between views, backend health and the settings button.

use crate::views::backend_health::BackendHealth;
use crate::views::nav_link::NavLink;
use crate::views::settings_dialog::SettingsDialog;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let settings_open = RwSignal::new(false);
    view! {
        <header class="topbar">
            <NavLink class="brand" href="/groups" mark_current=false>"gatewatch"</NavLink>
            <nav aria-label="Views">
                <NavLink href="/groups">"Groups"</NavLink>
                <NavLink href="/charts">"Charts"</NavLink>
                <NavLink href="/explore">"Explore"</NavLink>
                <NavLink href="/targets">"Targets"</NavLink>
                <NavLink href="/windmill">"Windmill"</NavLink>
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

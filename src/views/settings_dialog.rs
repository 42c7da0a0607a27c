//! The settings dialog: the two backend base URLs and the theme, saved to localStorage.

use gatewatch_core::settings::{
    normalize_base_url, parse_gateway_list, parse_minutes, Settings, Theme,
};
use crate::settings_store::{self, use_settings};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

#[component]
pub fn SettingsDialog(#[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let settings = use_settings();
    let current = settings.get_untracked();
    let prometheus = RwSignal::new(current.prometheus_base.clone());
    let pushgateway = RwSignal::new(current.pushgateway_base.clone());
    let more_gateways = RwSignal::new(current.more_pushgateways.join("\n"));
    let prometheus_ui = RwSignal::new(current.prometheus_ui.clone());
    let theme = RwSignal::new(current.theme);
    let stale_minutes = RwSignal::new(format_minutes(current.stale_after_secs));
    let error = RwSignal::new(None::<String>);

    let save = move || {
        let checked = normalize_base_url(&prometheus.get())
            .map_err(|e| format!("Prometheus base URL: {e}"))
            .and_then(|p| {
                normalize_base_url(&pushgateway.get())
                    .map_err(|e| format!("Pushgateway base URL: {e}"))
                    .map(|g| (p, g))
            })
            .and_then(|(p, g)| {
                parse_minutes(&stale_minutes.get())
                    .map_err(|e| format!("Stale after: {e}"))
                    .map(|secs| (p, g, secs))
            })
            .and_then(|(p, g, secs)| {
                normalize_base_url(&prometheus_ui.get())
                    .map_err(|e| format!("Prometheus UI URL: {e}"))
                    .map(|ui| (p, g, secs, ui))
            })
            .and_then(|(p, g, secs, ui)| {
                parse_gateway_list(&more_gateways.get())
                    .map_err(|e| format!("More gateways: {e}"))
                    .map(|more| (p, g, secs, ui, more))
            });
        match checked {
            Ok((prometheus_base, pushgateway_base, stale_after_secs, prometheus_ui, more)) => {
                let next = Settings {
                    prometheus_base,
                    pushgateway_base,
                    more_pushgateways: more,
                    prometheus_ui,
                    theme: theme.get(),
                    stale_after_secs,
                    ..settings.get_untracked()
                };
                settings_store::save(&next);
                settings.set(next);
                on_close.run(());
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let reset = move |_| {
        let defaults = Settings::default();
        prometheus.set(defaults.prometheus_base);
        pushgateway.set(defaults.pushgateway_base);
        more_gateways.set(String::new());
        theme.set(defaults.theme);
        prometheus_ui.set(defaults.prometheus_ui);
        stale_minutes.set(format_minutes(defaults.stale_after_secs));
        error.set(None);
    };

    view! {
        <div class="backdrop">
            <div
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="settings-title"
                on:keydown=move |ev: KeyboardEvent| {
                    if ev.key() == "Escape" {
                        on_close.run(());
                    }
                }
            >
                <h2 id="settings-title">"Settings"</h2>
                <form on:submit=move |ev| {
                    ev.prevent_default();
                    save();
                }>
                    <label for="prometheus-base">"Prometheus base URL"</label>
                    <input
                        id="prometheus-base"
                        type="text"
                        autofocus
                        prop:value=move || prometheus.get()
                        on:input=move |ev| prometheus.set(event_target_value(&ev))
                    />
                    <label for="pushgateway-base">"Pushgateway base URL"</label>
                    <input
                        id="pushgateway-base"
                        type="text"
                        prop:value=move || pushgateway.get()
                        on:input=move |ev| pushgateway.set(event_target_value(&ev))
                    />
                    <p class="hint">
                        "Paths such as /prometheus go through this console's own server; a full URL "
                        "such as http://host:9090 needs CORS on that server (deletes need the proxy)."
                    </p>
                    <label for="more-gateways">"More gateways (one base URL per line)"</label>
                    <textarea
                        id="more-gateways"
                        rows="2"
                        placeholder="/pushgateway-2"
                        prop:value=move || more_gateways.get()
                        on:input=move |ev| more_gateways.set(event_target_value(&ev))
                    ></textarea>
                    <p class="hint">"HA pairs or per-team gateways: the Groups view lists and cleans them all."</p>
                    <label for="prometheus-ui">"Prometheus UI URL (for “Open in Prometheus” links)"</label>
                    <input
                        id="prometheus-ui"
                        type="text"
                        prop:value=move || prometheus_ui.get()
                        on:input=move |ev| prometheus_ui.set(event_target_value(&ev))
                    />
                    <label for="stale-minutes">"Stale after (minutes, all jobs)"</label>
                    <input
                        id="stale-minutes"
                        type="text"
                        inputmode="decimal"
                        prop:value=move || stale_minutes.get()
                        on:input=move |ev| stale_minutes.set(event_target_value(&ev))
                    />
                    <p class="hint">
                        "A group whose last push is older than this is stale. Per-job thresholds are "
                        "set from a group's details in the Groups view."
                    </p>
                    <label for="theme">"Theme"</label>
                    <select
                        id="theme"
                        on:change=move |ev| theme.set(Theme::parse(&event_target_value(&ev)))
                    >
                        {Theme::ALL
                            .into_iter()
                            .map(|t| {
                                view! {
                                    <option value=t.as_str() selected=move || theme.get() == t>
                                        {t.as_str()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                    <div class="actions">
                        <button type="button" on:click=reset>"Reset to defaults"</button>
                        <button type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                        <button type="submit" class="primary">"Save"</button>
                    </div>
                </form>
            </div>
        </div>
    }
}

fn format_minutes(secs: f64) -> String {
    let minutes = secs / 60.0;
    if minutes.fract() == 0.0 {
        format!("{minutes:.0}")
    } else {
        format!("{minutes}")
    }
}

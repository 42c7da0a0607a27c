//! The settings dialog: the backends' base URLs, the stale threshold and the theme, checked by
//! `SettingsForm` and saved to localStorage.

use crate::components::dialog::Dialog;
use crate::settings_store::{self, use_settings};
use gatewatch_core::settings::form::SettingsForm;
use gatewatch_core::settings::{Settings, Theme};
use leptos::prelude::*;

#[component]
pub fn SettingsDialog(#[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let settings = use_settings();
    let form = RwSignal::new(SettingsForm::of(&settings.get_untracked()));
    let error = RwSignal::new(None::<String>);
    let save = move || match form.with(|f| f.apply(&settings.get_untracked())) {
        Ok(next) => {
            settings_store::update(settings, |s| *s = next);
            on_close.run(());
        }
        Err(message) => error.set(Some(message)),
    };
    let reset = move |_| {
        form.set(SettingsForm::of(&Settings::default()));
        error.set(None);
    };

    view! {
        <Dialog labelled_by="settings-title" on_escape=on_close>
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
                    prop:value=move || form.with(|f| f.prometheus_base.clone())
                    on:input=move |ev| form.update(|f| f.prometheus_base = event_target_value(&ev))
                />
                <label for="pushgateway-base">"Pushgateway base URL"</label>
                <input
                    id="pushgateway-base"
                    type="text"
                    prop:value=move || form.with(|f| f.pushgateway_base.clone())
                    on:input=move |ev| form.update(|f| f.pushgateway_base = event_target_value(&ev))
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
                    prop:value=move || form.with(|f| f.more_gateways.clone())
                    on:input=move |ev| form.update(|f| f.more_gateways = event_target_value(&ev))
                    ></textarea>
                <p class="hint">"HA pairs or per-team gateways: the Groups view lists and cleans them all."</p>
                <label for="prometheus-ui">"Prometheus UI URL (for “Open in Prometheus” links)"</label>
                <input
                    id="prometheus-ui"
                    type="text"
                    prop:value=move || form.with(|f| f.prometheus_ui.clone())
                    on:input=move |ev| form.update(|f| f.prometheus_ui = event_target_value(&ev))
                />
                <label for="stale-minutes">"Stale after (minutes, all jobs)"</label>
                <input
                    id="stale-minutes"
                    type="text"
                    inputmode="decimal"
                    prop:value=move || form.with(|f| f.stale_minutes.clone())
                    on:input=move |ev| form.update(|f| f.stale_minutes = event_target_value(&ev))
                />
                <p class="hint">
                    "A group whose last push is older than this is stale. Per-job thresholds are "
                    "set from a group's details in the Groups view."
                </p>
                <label for="theme">"Theme"</label>
                <select
                    id="theme"
                    on:change=move |ev| form.update(|f| f.theme = Theme::parse(&event_target_value(&ev)))
                    >
                    {Theme::ALL
                        .into_iter()
                        .map(|t| {
                            view! {
                                <option value=t.as_str() selected=move || form.with(|f| f.theme == t)>
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
        </Dialog>
    }
}

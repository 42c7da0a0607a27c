//! Sets a job's schedule (a period or a cron expression, each with a grace) or leaves it to
//! inference; saved with the settings, it wins over what the runs show.

use crate::settings_store::{self, use_settings};
use gatewatch_core::schedule::set::{SetSchedule, FORM_KINDS};
use leptos::prelude::*;

#[component]
pub fn ScheduleForm(#[prop(into)] job: Signal<String>) -> impl IntoView {
    let settings = use_settings();
    let kind = RwSignal::new("inferred");
    let value = RwSignal::new(String::new());
    let grace = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    // The fields show the job's saved schedule whenever the job or its saved schedule changes,
    // and only then: another setting saved meanwhile leaves half-typed fields alone.
    let saved =
        Memo::new(move |_| job.with(|j| settings.with(|s| s.per_job_schedules.get(j).cloned())));
    Effect::new(move || {
        let saved = saved.get();
        let (k, v, g) =
            saved
                .map(|s| s.form_fields())
                .unwrap_or(("inferred", String::new(), String::new()));
        kind.set(k);
        value.set(v);
        grace.set(g);
    });
    let save = move || {
        let typed = SetSchedule::from_form(
            kind.get_untracked(),
            &value.get_untracked(),
            &grace.get_untracked(),
        );
        match typed {
            Ok(set) => {
                let job = job.get_untracked();
                settings_store::update(settings, |s| match set {
                    Some(set) => {
                        s.per_job_schedules.insert(job, set);
                    }
                    None => {
                        s.per_job_schedules.remove(&job);
                    }
                });
                message.set(Some("Saved.".to_string()));
            }
            Err(e) => message.set(Some(e)),
        }
    };
    let value_label = move || match kind.get() {
        "cron" => "Cron expression",
        _ => "Period",
    };
    let placeholder = move || match kind.get() {
        "cron" => "0 */5 * * * *",
        _ => "5m",
    };
    view! {
        <form class="schedule-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
            <label for="schedule-kind">"Schedule"</label>
            <select id="schedule-kind" on:change=move |ev| {
                let picked = event_target_value(&ev);
                kind.set(FORM_KINDS.iter().find(|(k, _)| *k == picked).map_or("inferred", |(k, _)| k));
            }>
                {FORM_KINDS.into_iter().map(|(k, label)| view! {
                    <option value=k selected=move || kind.get() == k>{label}</option>
                }).collect_view()}
            </select>
            <Show when=move || kind.get() != "inferred">
                <label for="schedule-value">{value_label}</label>
                <input id="schedule-value" type="text" placeholder=placeholder
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                <label for="schedule-grace">"Grace"</label>
                <input id="schedule-grace" type="text" placeholder="30s" size="6"
                    prop:value=move || grace.get() on:input=move |ev| grace.set(event_target_value(&ev)) />
            </Show>
            <button type="submit">"Save schedule"</button>
            <span class="hint" role="status">{move || message.get()}</span>
        </form>
    }
}

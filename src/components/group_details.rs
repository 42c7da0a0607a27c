//! A group's details: every metric family with type, help and samples (histogram buckets and
//! summary quantiles included), and the per-job stale threshold.

use crate::settings_store::{self, use_settings};
use gatewatch_core::gateway::group_table::GroupRow;
use gatewatch_core::gateway::model::{GatewaySample, MetricFamily, SampleValue};
use gatewatch_core::prometheus::value_format::format_value;
use gatewatch_core::settings::parse_minutes;
use gatewatch_core::text::stable_id;
use gatewatch_core::time::format::format_duration;
use leptos::prelude::*;

#[component]
pub fn GroupDetails(#[prop(into)] row: Signal<GroupRow>) -> impl IntoView {
    // The job is the row's for its whole life; the families change with each push, and are
    // redrawn without the threshold field, which may be half typed.
    let job = row.with_untracked(|r| r.job().to_string());
    let families = move || row.with(|r| r.group.families.iter().map(family_view).collect_view());
    view! {
        <div class="details">
            <JobThreshold job=job />
            {families}
        </div>
    }
}

fn family_view(family: &MetricFamily) -> impl IntoView {
    let help = family
        .help
        .clone()
        .unwrap_or_else(|| "(no help text)".into());
    let samples = family.samples.iter().map(sample_view).collect_view();
    view! {
        <div class="family">
            <h3 class="mono">{family.name.clone()} " " <span class="kind">{family.kind.as_str().to_ascii_lowercase()}</span></h3>
            <p class="help">{help}</p>
            {family.time_stamp.clone().map(|t| view! { <p class="hint">"Pushed at " {t}</p> })}
            <table class="samples">
                <thead>
                    <tr>
                        <th scope="col">"Labels"</th>
                        <th scope="col">"Value"</th>
                    </tr>
                </thead>
                <tbody>{samples}</tbody>
            </table>
        </div>
    }
}

fn sample_view(sample: &GatewaySample) -> impl IntoView {
    let labels = sample.labels_display();
    let value = match &sample.value {
        SampleValue::Single(v) => format_value(*v),
        SampleValue::Histogram {
            buckets,
            count,
            sum,
        } => {
            let b: Vec<String> = buckets
                .iter()
                .map(|(le, c)| format!("le {}: {}", format_value(*le), format_value(*c)))
                .collect();
            format!(
                "count {}, sum {}; {}",
                format_value(*count),
                format_value(*sum),
                b.join(", ")
            )
        }
        SampleValue::Summary {
            quantiles,
            count,
            sum,
        } => {
            let q: Vec<String> = quantiles
                .iter()
                .map(|(q, v)| format!("q{}: {}", format_value(*q), format_value(*v)))
                .collect();
            format!(
                "count {}, sum {}; {}",
                format_value(*count),
                format_value(*sum),
                q.join(", ")
            )
        }
    };
    view! {
        <tr>
            <td class="mono">{labels}</td>
            <td class="mono">{value}</td>
        </tr>
    }
}

/// Edits the stale threshold of one job (all its groups), saved with the settings.
#[component]
fn JobThreshold(job: String) -> impl IntoView {
    let settings = use_settings();
    let current = {
        let job = job.clone();
        Signal::derive(move || settings.with(|s| s.per_job_stale_secs.get(&job).copied()))
    };
    let input = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let save = {
        let job = job.clone();
        move |clear: bool| {
            let secs = match clear {
                true => None,
                false => match parse_minutes(&input.get_untracked()) {
                    Ok(secs) => Some(secs),
                    Err(e) => return message.set(Some(e)),
                },
            };
            settings_store::update(settings, |s| match secs {
                Some(secs) => {
                    s.per_job_stale_secs.insert(job.clone(), secs);
                }
                None => {
                    s.per_job_stale_secs.remove(&job);
                }
            });
            message.set(None);
        }
    };
    let save_clear = save.clone();
    let input_id = format!("threshold-{}", stable_id(&job));
    view! {
        <form class="threshold" on:submit=move |ev| { ev.prevent_default(); save(false); }>
            <span>
                {move || match current.get() {
                    Some(secs) => format!("This job is stale after {} (its own threshold).", format_duration(secs)),
                    None => "This job uses the global stale threshold.".to_string(),
                }}
            </span>
            <label for=input_id.clone()>"Stale after (minutes) for this job"</label>
            <input id=input_id type="text" inputmode="decimal" prop:value=move || input.get() on:input=move |ev| input.set(event_target_value(&ev)) />
            <button type="submit">"Set"</button>
            <button type="button" disabled=move || current.get().is_none() on:click=move |_| save_clear(true)>"Use global"</button>
            {move || message.get().map(|m| view! { <span class="error" role="alert">{m}</span> })}
        </form>
    }
}

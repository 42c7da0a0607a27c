//! One row of the groups table, with its expandable details row.

use crate::components::group_details::GroupDetails;
use gatewatch_core::gateway::group_table::GroupRow;
use gatewatch_core::text::{display_value, stable_id};
use gatewatch_core::time::format::{format_age, format_duration, format_utc};
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn GroupRowView(
    row: GroupRow,
    #[prop(into)] now: Signal<f64>,
    expanded: RwSignal<BTreeSet<String>>,
    #[prop(into)] on_delete: Callback<GroupRow>,
    #[prop(into)] show_gateway: Signal<bool>,
) -> impl IntoView {
    let id = row.identity();
    let gateway = row.gateway.clone();
    let is_open = {
        let id = id.clone();
        Signal::derive(move || expanded.with(|e| e.contains(&id)))
    };
    let toggle = {
        let id = id.clone();
        move |_| {
            expanded.update(|e| {
                if !e.remove(&id) {
                    e.insert(id.clone());
                }
            })
        }
    };
    let job = row.job().to_string();
    let other_labels: Vec<_> = row
        .group
        .labels
        .iter()
        .filter(|(k, _)| *k != "job")
        .map(|(k, v)| view! { <span class="label-chip"><span class="k">{k.clone()}</span>"=" <span class="v">{display_value(v)}</span></span> })
        .collect();
    let push_time = row.group.push_time.filter(|t| *t > 0.0);
    let failure_time = row.group.push_failure_time.filter(|t| *t > 0.0);
    let age = move || {
        push_time
            .map(|t| format_age(t, now.get()))
            .unwrap_or_else(|| "never".into())
    };
    let failure = move || {
        failure_time
            .map(|t| format_age(t, now.get()))
            .unwrap_or_else(|| "—".into())
    };
    let interval = row
        .expected_interval
        .map(format_duration)
        .unwrap_or_else(|| "unknown".into());
    let interval_title = if row.expected_interval.is_some() {
        "Mean spacing of pushes over the last hour, from Prometheus".to_string()
    } else {
        "No push history in Prometheus: the stale threshold alone decides".to_string()
    };
    let status = row.freshness;
    let status_title = format!("Stale after {}", format_duration(row.stale_after));
    let family_count = row.group.families.len();
    let alerts = row
        .alerts
        .iter()
        .map(|name| view! { <span class="alert-chip" title="Firing in Prometheus">{"🔔 "}{name.clone()}</span> })
        .collect_view();
    let row_for_delete = row.clone();
    let row_for_details = row.clone();
    let details_id = format!("details-{}", stable_id(&id));

    view! {
        <tr class="group-row" data-status=status.slug()>
            <td class="job mono" title=job.clone()>{display_value(&job)}</td>
            <td class="labels">{other_labels}</td>
            <td>
                <span class=format!("status {}", status.slug()) title=status_title>{status.label()}</span>
                {alerts}
            </td>
            <td title=push_time.map(format_utc).unwrap_or_default()>{age}</td>
            <td title=interval_title>{interval}</td>
            <td title=failure_time.map(format_utc).unwrap_or_default()>{failure}</td>
            <td>
                <button
                    type="button"
                    class="link"
                    aria-expanded=move || is_open.get().to_string()
                    aria-controls=details_id.clone()
                    on:click=toggle
                >
                    {format!("{family_count} metrics")}
                </button>
            </td>
            <Show when=move || show_gateway.get()>
                <td class="mono">{gateway.clone()}</td>
            </Show>
            <td>
                <button
                    type="button"
                    class="danger small"
                    aria-label=format!("Delete group {}", job)
                    on:click=move |_| on_delete.run(row_for_delete.clone())
                >
                    "Delete"
                </button>
            </td>
        </tr>
        <Show when=move || is_open.get()>
            <tr class="details-row" id=details_id.clone()>
                <td colspan=move || if show_gateway.get() { "9" } else { "8" }>
                    <GroupDetails row=row_for_details.clone() />
                </td>
            </tr>
        </Show>
    }
}

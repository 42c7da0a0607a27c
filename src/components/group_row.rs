//! One row of the groups table, with its expandable details row. The row is one group (its
//! identity does not change); what a push or a refresh changes in it is read from `row`.

use crate::components::group_details::GroupDetails;
use crate::components::heartbeat_strip::HeartbeatStrip;
use crate::heartbeat_strips::HeartbeatStrips;
use crate::pages::link_rel;
use gatewatch_core::gateway::group_table::GroupRow;
use gatewatch_core::page::Page;
use gatewatch_core::text::{display_value, stable_id};
use gatewatch_core::time::format::{format_age, format_duration, format_utc};
use gatewatch_core::url_state::JobState;
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn GroupRowView(
    #[prop(into)] row: Signal<GroupRow>,
    #[prop(into)] now: Signal<f64>,
    expanded: RwSignal<BTreeSet<String>>,
    #[prop(into)] on_delete: Callback<GroupRow>,
    #[prop(into)] show_gateway: Signal<bool>,
    /// The table's heartbeat strips, when it shows them.
    #[prop(default = None)]
    strips: Option<HeartbeatStrips>,
) -> impl IntoView {
    // What identifies the group: the same for the row's whole life.
    let (id, job, gateway, other_labels) = row.with_untracked(|row| {
        let other_labels: Vec<_> = row
            .group
            .labels
            .iter()
            .filter(|(k, _)| *k != "job")
            .map(|(k, v)| view! { <span class="label-chip"><span class="k">{k.clone()}</span>"=" <span class="v">{display_value(v)}</span></span> })
            .collect();
        (row.identity(), row.job().to_string(), row.gateway.clone(), other_labels)
    });
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
    let push_time = move || row.with(|r| r.group.push_time.filter(|t| *t > 0.0));
    let failure_time = move || row.with(|r| r.group.push_failure_time.filter(|t| *t > 0.0));
    let age = move || {
        push_time()
            .map(|t| format_age(t, now.get()))
            .unwrap_or_else(|| "never".into())
    };
    let failure = move || {
        failure_time()
            .map(|t| format_age(t, now.get()))
            .unwrap_or_else(|| "—".into())
    };
    let expected_interval = move || row.with(|r| r.expected_interval);
    let interval = move || {
        expected_interval()
            .map(format_duration)
            .unwrap_or_else(|| "unknown".into())
    };
    let interval_title = move || {
        if expected_interval().is_some() {
            "Mean spacing of pushes over the last hour, from Prometheus"
        } else {
            "No push history in Prometheus: the stale threshold alone decides"
        }
    };
    let status = move || row.with(|r| r.freshness);
    let status_title = move || {
        format!(
            "Stale after {}",
            format_duration(row.with(|r| r.stale_after))
        )
    };
    let metrics = move || format!("{} metrics", row.with(|r| r.group.families.len()));
    let alerts = move || {
        row.with(|r| r.alerts.clone())
            .into_iter()
            .map(|name| view! { <span class="alert-chip" title="Firing in Prometheus">{"🔔 "}{name}</span> })
            .collect_view()
    };
    let details_id = format!("details-{}", stable_id(&id));
    let columns = 8 + usize::from(strips.is_some());
    let strip_cell = strip_cell(strips, &id);

    view! {
        <tr class="group-row" data-status=move || status().slug()>
            <td class="job mono" title=job.clone()>
                {job_name(&job)}
            </td>
            <td class="labels">{other_labels}</td>
            <td>
                <span class=move || format!("status {}", status().slug()) title=status_title>{move || status().label()}</span>
                {alerts}
            </td>
            <td title=move || push_time().map(format_utc).unwrap_or_default()>{age}</td>
            <td title=interval_title>
                {interval}
                <span class="next-push">{move || row.with(|r| r.next_expected(now.get()))}</span>
            </td>
            {strip_cell}
            <td title=move || failure_time().map(format_utc).unwrap_or_default()>{failure}</td>
            <td>
                <button
                    type="button"
                    class="link"
                    aria-expanded=move || is_open.get().to_string()
                    aria-controls=details_id.clone()
                    on:click=toggle
                >
                    {metrics}
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
                    on:click=move |_| on_delete.run(row.get_untracked())
                >
                    "Delete"
                </button>
            </td>
        </tr>
        <Show when=move || is_open.get()>
            <tr class="details-row" id=details_id.clone()>
                <td colspan=move || (columns + usize::from(show_gateway.get())).to_string()>
                    <GroupDetails row=row />
                </td>
            </tr>
        </Show>
    }
}

/// The job's name, a link to its Job page.
fn job_name(job: &str) -> impl IntoView {
    let href = JobState {
        job: job.to_string(),
        ..Default::default()
    }
    .href();
    view! {
        <a href=href rel=link_rel(Page::Job) aria-label=format!("Runs of job {job}")>
            {display_value(job)}
        </a>
    }
}

/// The row's heartbeat strip, where the table shows strips.
fn strip_cell(strips: Option<HeartbeatStrips>, id: &str) -> Option<impl IntoView> {
    let strips = strips?;
    let id = id.to_string();
    // Memos: a new answer for the page (or a page change) re-draws only the rows whose strip
    // changed, not all of them.
    let strip = Memo::new(move |_| strips.of(&id));
    let unavailable = Memo::new(move |_| strips.error().is_some());
    Some(view! {
        <td class="strip">
            <HeartbeatStrip strip=strip theme=strips.theme unavailable=unavailable />
        </td>
    })
}

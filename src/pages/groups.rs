//! The Groups view: every gateway group with its freshness, filters, sorting, and cleanup.

use crate::api;
use crate::clock::use_clock;
use crate::components::bulk_cleanup_dialog::BulkCleanupDialog;
use crate::components::delete_group_dialog::DeleteGroupDialog;
use crate::components::groups_table::GroupsTable;
use crate::components::load_banner::LoadBanner;
use crate::components::refresh_control::RefreshControl;
use crate::heartbeat_strips::HeartbeatStrips;
use crate::load::{Load, RefreshCause};
use crate::settings_store::{use_bases, use_settings};
use futures::future::{join_all, pending};
use gatewatch_core::gateway::freshness::Freshness;
use gatewatch_core::gateway::group_table::{summarize, GroupRow, SortColumn, TextFilter};
use gatewatch_core::gateway::listings::{listing_rows, listings};
use gatewatch_core::gateway::push_interval::{
    firing_alerts, interval_expr, intervals_from_result, ALERTS_EXPR, HISTORY_WINDOW,
};
use gatewatch_core::http::error::Backend;
use leptos::prelude::*;

#[component]
pub fn GroupsPage() -> impl IntoView {
    let settings = use_settings();
    let bases = use_bases();
    // Every configured gateway at once; one that fails is reported without hiding the others.
    let groups = Load::new(move || {
        let gateways = bases.gateways.get();
        async move {
            let answers = join_all(gateways.iter().map(|b| api::gateway::list_groups(b))).await;
            listings(gateways.into_iter().zip(answers).collect())
        }
    });
    // The list is what the user waits for; the intervals and alerts annotate it. The interval
    // query costs the backend about a second of CPU at 10,000 groups, and asked beside the
    // gateway's list it slows the list on a small machine, so both wait for the first list.
    let listed = Memo::new(move |_| groups.answered());
    let intervals = Load::new(move || {
        let base = bases.prometheus_base.get();
        let listed = listed.get();
        async move {
            if !listed {
                pending::<()>().await;
            }
            let expr = interval_expr(HISTORY_WINDOW, api::prometheus::dialect(&base).await);
            let answer = api::prometheus::instant_query(&base, &expr, None).await?;
            Ok(intervals_from_result(&answer.data))
        }
    });
    // Which shipped alert rules fire for which group (empty where the rules are not loaded).
    let alerts = Load::new(move || {
        let base = bases.prometheus_base.get();
        let listed = listed.get();
        async move {
            if !listed {
                pending::<()>().await;
            }
            let answer = api::prometheus::instant_query(&base, ALERTS_EXPR, None).await?;
            Ok(firing_alerts(&answer.data))
        }
    });
    // The last 24 h of each shown group.
    let strips = HeartbeatStrips::start();
    let refresh = move |cause: RefreshCause| {
        groups.refresh(cause);
        intervals.refresh(cause);
        alerts.refresh(cause);
        strips.refresh(cause);
    };

    let now = use_clock();

    let rows = Memo::new(move |_| {
        let thresholds = settings.with(|s| s.thresholds());
        let now = now.get();
        groups.with(|g| {
            let listings = g.map(Vec::as_slice).unwrap_or(&[]);
            intervals.with(|i| {
                let intervals = i.map(Vec::as_slice).unwrap_or(&[]);
                alerts.with(|a| {
                    let alerts = a.map(Vec::as_slice).unwrap_or(&[]);
                    listing_rows(listings, intervals, alerts, &thresholds, now)
                })
            })
        })
    });
    let filter_text = RwSignal::new(String::new());
    let status_filter = RwSignal::new(None::<Freshness>);
    let sort = RwSignal::new((SortColumn::Job, false));
    let visible = Memo::new(move |_| {
        let text = filter_text.with(|t| TextFilter::new(t));
        let status = status_filter.get();
        rows.with(|rows| {
            rows.iter()
                .filter(|r| status.is_none_or(|s| r.freshness == s))
                .filter(|r| text.matches(&r.group.labels))
                .cloned()
                .collect::<Vec<GroupRow>>()
        })
    });
    let summary = move || rows.with(|r| summarize(r).sentence());
    let stale_count =
        move || rows.with(|r| r.iter().filter(|r| r.freshness == Freshness::Stale).count());

    let delete_target = RwSignal::new(None::<GroupRow>);
    let bulk_open = RwSignal::new(false);
    let auto_refresh = RwSignal::new(15u32);
    let loaded = move || groups.answered();

    view! {
        <section class="page" aria-labelledby="page-title">
            <div class="page-head">
                <h1 id="page-title">"Groups"</h1>
                <RefreshControl
                    on_refresh=refresh
                    loading=Signal::derive(move || groups.status.loading())
                    every_secs=auto_refresh
                />
            </div>
            <LoadBanner load=groups backend=Backend::Pushgateway />
            {move || groups.with(|g| {
                g.map(|listings| {
                    listings
                        .iter()
                        .filter_map(|l| l.error.as_ref().map(|e| (l.gateway.clone(), e.clone())))
                        .map(|(gateway, e)| view! {
                            <div class="error-box" role="alert">
                                <strong>{format!("Gateway {gateway}: {e}")}</strong>
                                <p>{e.advice()} " Its groups are not listed."</p>
                            </div>
                        })
                        .collect_view()
                })
            })}
            {move || intervals.status.error.get().map(|e| view! {
                <p class="hint" role="status">
                    "Expected push intervals are unavailable (" {e.to_string()}
                    "); the stale threshold alone decides freshness."
                </p>
            })}
            {move || strips.error().map(|e| view! {
                <p class="hint" role="status">
                    "The last 24 h of runs are unavailable (" {e.to_string()} "); the table lacks its strips."
                </p>
            })}
            <p class="summary" aria-live="polite">
                {move || match (loaded(), groups.status.error.with(Option::is_some)) {
                    (true, _) => summary(),
                    // The error box above says why and when the next attempt is.
                    (false, true) => "No groups loaded yet.".to_string(),
                    (false, false) => "Loading groups…".to_string(),
                }}
            </p>
            <div class="toolbar">
                <label for="group-filter">"Filter"</label>
                <input
                    id="group-filter"
                    type="search"
                    placeholder="any label, or name=value"
                    prop:value=move || filter_text.get()
                    on:input=move |ev| filter_text.set(event_target_value(&ev))
                />
                <label for="status-filter">"Status"</label>
                <select
                    id="status-filter"
                    on:change=move |ev| status_filter.set(Freshness::parse(&event_target_value(&ev)))
                >
                    <option value="">"All statuses"</option>
                    {Freshness::ALL
                        .into_iter()
                        .map(|f| view! { <option value=f.slug()>{f.label()}</option> })
                        .collect_view()}
                </select>
                <button
                    type="button"
                    class="danger"
                    disabled=move || stale_count() == 0
                    on:click=move |_| bulk_open.set(true)
                >
                    {move || format!("Delete stale groups ({})", stale_count())}
                </button>
            </div>
            <GroupsTable
                rows=visible
                sort=sort
                now=now
                loaded=Signal::derive(loaded)
                show_gateway=Signal::derive(move || settings.with(|s| s.gateways().len() > 1))
                on_delete=move |row: GroupRow| delete_target.set(Some(row))
                strips=Some(strips)
            />
        </section>
        {move || delete_target.get().map(|row| view! {
            <DeleteGroupDialog
                row=row
                on_close=move |()| {
                    delete_target.set(None);
                    groups.refetch();
                }
            />
        })}
        <Show when=move || bulk_open.get()>
            <BulkCleanupDialog
                rows=rows.get_untracked()
                on_close=move |()| {
                    bulk_open.set(false);
                    groups.refetch();
                }
            />
        </Show>
    }
}

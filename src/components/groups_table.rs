//! The groups table: sortable header cells, one page of rows, and pagination.

use crate::components::group_row::GroupRowView;
use crate::heartbeat_strips::HeartbeatStrips;
use crate::keyed_rows::row_of;
use gatewatch_core::gateway::group_table::{sort_rows, GroupRow, SortColumn};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Rows per page: keeps the DOM small and filtering instant with 10,000 groups.
pub const PAGE_SIZE: usize = 100;

const COLUMNS: [(SortColumn, &str); 7] = [
    (SortColumn::Job, "Job"),
    (SortColumn::Labels, "Other labels"),
    (SortColumn::Status, "Status"),
    (SortColumn::LastPush, "Last push"),
    (SortColumn::Interval, "Expected interval"),
    (SortColumn::LastFailure, "Last failure"),
    (SortColumn::Metrics, "Metrics"),
];

#[component]
pub fn GroupsTable(
    #[prop(into)] rows: Signal<Vec<GroupRow>>,
    sort: RwSignal<(SortColumn, bool)>,
    #[prop(into)] now: Signal<f64>,
    #[prop(into)] loaded: Signal<bool>,
    /// Adds a Gateway column when several gateways are listed.
    #[prop(into, optional)]
    show_gateway: Signal<bool>,
    #[prop(into)] on_delete: Callback<GroupRow>,
    /// Adds a "Last 24 h" column of heartbeat strips for the rows shown.
    #[prop(default = None)]
    strips: Option<HeartbeatStrips>,
) -> impl IntoView {
    // Sorted here, next to the header buttons that choose the order.
    let rows = Memo::new(move |_| {
        let mut sorted = rows.get();
        let (column, descending) = sort.get();
        sort_rows(&mut sorted, column, descending);
        sorted
    });
    let page_count = move || rows.with(|r| r.len().div_ceil(PAGE_SIZE).max(1));
    // The page asked for, kept within the pages there are: a filter that shrinks the rows
    // never leaves the user on an empty page.
    let wanted_page = RwSignal::new(0usize);
    let page = Memo::new(move |_| wanted_page.get().min(page_count() - 1));
    let expanded = RwSignal::new(BTreeSet::new());
    // The page's rows by identity: a push or a status change updates a row in place
    // (crate::keyed_rows says why).
    let page_rows = Memo::new(move |_| {
        rows.with(|r| {
            let start = page.get() * PAGE_SIZE;
            r.iter()
                .skip(start)
                .take(PAGE_SIZE)
                .map(|row| (row.identity(), row.clone()))
                .collect::<Vec<_>>()
        })
    });
    if let Some(strips) = strips {
        Effect::new(move || {
            strips.show(page_rows.with(|r| r.iter().map(|(_, row)| row.clone()).collect()))
        });
    }
    let header = |columns: &[(SortColumn, &'static str)]| {
        columns
            .iter()
            .map(|&(column, title)| {
                let aria_sort = move || match sort.get() {
                    (c, false) if c == column => "ascending",
                    (c, true) if c == column => "descending",
                    _ => "none",
                };
                let arrow = move || match sort.get() {
                    (c, false) if c == column => " ▲",
                    (c, true) if c == column => " ▼",
                    _ => "",
                };
                view! {
                    <th scope="col" aria-sort=aria_sort>
                        <button
                            type="button"
                            class="sort"
                            on:click=move |_| {
                                sort.update(|(c, desc)| {
                                    if *c == column {
                                        *desc = !*desc;
                                    } else {
                                        *c = column;
                                        *desc = false;
                                    }
                                })
                            }
                        >
                            {title}
                            {arrow}
                        </button>
                    </th>
                }
            })
            .collect_view()
    };
    // The strips sit right after the expected interval, beside the next push it gives.
    let (before_strips, after_strips) = COLUMNS.split_at(5);
    let strips_header = strips.map(|_| view! { <th scope="col">"Last 24 h"</th> });

    view! {
        <div class="table-wrap">
            <table class="groups">
                <thead>
                    <tr>
                        {header(before_strips)}
                        {strips_header}
                        {header(after_strips)}
                        <Show when=move || show_gateway.get()>
                            <th scope="col">"Gateway"</th>
                        </Show>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || page_rows.get() key=|(id, _)| id.clone() children=move |(id, first)| {
                        let row = row_of(page_rows, id, first);
                        view! { <GroupRowView row=row now=now expanded=expanded on_delete=on_delete show_gateway=show_gateway strips=strips /> }
                    } />
                </tbody>
            </table>
            {move || {
                (loaded.get() && rows.with(|r| r.is_empty()))
                    .then(|| view! { <p class="empty">"No groups match. The gateway may be empty, or the filters exclude everything."</p> })
            }}
        </div>
        <nav class="pager" aria-label="Pages">
            <button type="button" disabled=move || page.get() == 0 on:click=move |_| wanted_page.set(page.get().saturating_sub(1))>
                "Previous"
            </button>
            <span>
                {move || {
                    let total = rows.with(|r| r.len());
                    let start = (page.get() * PAGE_SIZE).min(total);
                    let end = (start + PAGE_SIZE).min(total);
                    format!("Rows {}–{} of {}", if total == 0 { 0 } else { start + 1 }, end, total)
                }}
            </span>
            <button type="button" disabled=move || { page.get() + 1 >= page_count() } on:click=move |_| wanted_page.set(page.get() + 1)>
                "Next"
            </button>
        </nav>
    }
}

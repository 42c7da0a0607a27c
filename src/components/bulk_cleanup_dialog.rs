//! "Delete stale groups": a preview with checkboxes, a progress bar while deleting, and a report
//! of what was deleted, kept (pushed again since the preview) and failed.

use crate::api::cleanup::clean;
use crate::components::dialog::Dialog;
use gatewatch_core::gateway::cleanup::{report, Outcome, Previewed};
use gatewatch_core::gateway::freshness::Freshness;
use gatewatch_core::gateway::group_table::GroupRow;
use gatewatch_core::gateway::grouping_key::key_text;
use gatewatch_core::gateway::model::Labels;
use leptos::prelude::*;

#[component]
pub fn BulkCleanupDialog(
    rows: Vec<GroupRow>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let stale: Vec<GroupRow> = rows
        .into_iter()
        .filter(|r| r.freshness == Freshness::Stale)
        .collect();
    // Which previewed groups are ticked, by position: all at first.
    let selected = RwSignal::new(vec![true; stale.len()]);
    let chosen_count = move || selected.with(|s| s.iter().filter(|&&on| on).count());
    let progress = RwSignal::new((0usize, 0usize));
    let previews: Vec<Previewed> = stale.iter().map(Previewed::of_row).collect();
    // Runs to its end even if the dialog closes meanwhile: a delete is not left half done.
    let run = Action::new_local(move |chosen: &Vec<Previewed>| {
        let chosen = chosen.clone();
        let total = chosen.len();
        progress.set((0, total));
        clean(chosen, move |done, total| {
            progress.try_set((done, total));
        })
    });
    let start = {
        let previews = previews.clone();
        move |_| {
            let chosen: Vec<Previewed> = selected.with_untracked(|s| {
                previews
                    .iter()
                    .zip(s)
                    .filter(|(_, &on)| on)
                    .map(|(p, _)| p.clone())
                    .collect()
            });
            run.dispatch(chosen);
        }
    };
    let running = move || run.pending().get();
    let finished = move || run.value().with(Option::is_some);
    let count = stale.len();
    let any_stale = count != 0;

    // (position, grouping key) of every previewed group; the selection is by position.
    let entries: Vec<(usize, String)> = stale
        .iter()
        .map(|row| key_text(&row.group.labels))
        .enumerate()
        .collect();

    view! {
        <Dialog labelled_by="bulk-title" wide=true on_escape=move |()| if !running() { on_close.run(()) }>
            <h2 id="bulk-title">"Delete stale groups"</h2>
            {move || (!finished()).then(|| view! {
                <p>{format!("{count} stale groups. Each is re-read right before its delete and kept if it was pushed since this preview.")}</p>
            })}
            <div class="preview-list" hidden=move || finished() || !any_stale>
                    <table class="preview">
                        <thead><tr>
                            <th scope="col">
                                <input type="checkbox" aria-label="Select all"
                                    prop:checked=move || chosen_count() == count
                                    disabled=running
                                    on:change=move |ev| selected.set(vec![event_target_checked(&ev); count]) />
                            </th>
                            <th scope="col">"Grouping key"</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || entries.clone() key=|(i, _)| *i children=move |(i, key)| {
                                let check_id = format!("bulk-{i}");
                                view! {
                                    <tr>
                                        <td>
                                            <input
                                                type="checkbox"
                                                id=check_id.clone()
                                                aria-label=format!("Delete {key}")
                                                prop:checked=move || selected.with(|s| s[i])
                                                disabled=move || running() || finished()
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    selected.update(|s| s[i] = on);
                                                }
                                            />
                                        </td>
                                        <td><label for=check_id class="mono">{key}</label></td>
                                    </tr>
                                }
                            } />
                        </tbody>
                    </table>
            </div>
            {move || (running() || finished()).then(|| {
                let (done, total) = progress.get();
                view! {
                    <label for="bulk-progress">{format!("{done} of {total} groups settled")}</label>
                    <progress id="bulk-progress" max=total.max(1).to_string() value=done.to_string()></progress>
                }
            })}
            {move || run.value().get().map(report_view)}
            <div class="actions">
                {move || if finished() {
                    view! { <button type="button" class="primary" on:click=move |_| on_close.run(())>"Close"</button> }.into_any()
                } else {
                    let start = start.clone();
                    view! {
                        <button type="button" disabled=running on:click=move |_| on_close.run(())>"Cancel"</button>
                        <button type="button" class="danger" disabled=move || running() || chosen_count() == 0 on:click=start>
                            {move || format!("Delete {} groups", chosen_count())}
                        </button>
                    }.into_any()
                }}
            </div>
        </Dialog>
    }
}

fn report_view(outcomes: Vec<(Labels, Outcome)>) -> impl IntoView {
    let r = report(&outcomes);
    let lines = outcomes
        .into_iter()
        .map(|(labels, outcome)| {
            let class = match outcome {
                Outcome::Deleted => "ok",
                Outcome::Kept(_) => "kept",
                _ => "error",
            };
            view! { <tr class=class><td class="mono">{key_text(&labels)}</td><td>{outcome.describe()}</td></tr> }
        })
        .collect_view();
    view! {
        <p class="summary" role="status">
            {format!("Deleted {}, kept {}, already gone {}, failed {}.", r.deleted, r.kept, r.already_gone, r.failed)}
        </p>
        <div class="preview-list">
            <table class="report">
                <thead><tr><th scope="col">"Grouping key"</th><th scope="col">"Outcome"</th></tr></thead>
                <tbody>{lines}</tbody>
            </table>
        </div>
    }
}

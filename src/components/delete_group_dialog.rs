//! Confirms the delete of one group by its exact grouping key, then reports whether it is gone.

use crate::api::cleanup::delete_and_verify;
use crate::components::dialog::Dialog;
use crate::settings_store::use_settings;
use gatewatch_core::gateway::cleanup::Outcome;
use gatewatch_core::gateway::group_table::GroupRow;
use gatewatch_core::gateway::grouping_key::key_text;
use leptos::prelude::*;

#[component]
pub fn DeleteGroupDialog(row: GroupRow, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let settings = use_settings();
    let labels = row.group.labels.clone();
    let gateway = row.gateway.clone();
    let multiple = settings.with_untracked(|s| s.gateways().len() > 1);
    let key_text = key_text(&labels);
    // Runs to its end even if the dialog closes meanwhile: a delete is not left half done.
    let delete = Action::new_local(move |(): &()| {
        let (base, labels) = (gateway.clone(), labels.clone());
        async move { delete_and_verify(&base, &labels).await }
    });
    let result = move || delete.value().get();
    let running = move || delete.pending().get();

    view! {
        <Dialog
            labelled_by="delete-title"
            described_by="delete-key"
            on_escape=move |()| if !running() { on_close.run(()) }
        >
            <h2 id="delete-title">"Delete this group?"</h2>
            <p>"All metrics pushed under exactly this grouping key will be removed from the gateway:"</p>
            <pre id="delete-key" class="key">{key_text}</pre>
            {multiple.then(|| view! { <p>"On the gateway " <code>{row.gateway.clone()}</code> " only."</p> })}
            <p class="hint">"Other groups of the same job are not touched. A job that pushes again recreates its group."</p>
            <div role="status" aria-live="polite">
                {move || running().then(|| view! { <p><span class="spinner active"></span>"Deleting, then waiting for the gateway to drop the group…"</p> })}
                {move || result().map(|outcome| {
                    let (class, text) = match &outcome {
                        Outcome::Deleted => ("ok", "Deleted: the gateway no longer lists this group.".to_string()),
                        Outcome::StillThere => ("error", "The gateway accepted the delete, but the group is still there. Something may have pushed it again; refresh and check.".to_string()),
                        other => ("error", format!("Not deleted — {}.", other.describe())),
                    };
                    view! { <p class=class>{text}</p> }
                })}
            </div>
            <div class="actions">
                {move || if result().is_some() {
                    view! { <button type="button" class="primary" autofocus on:click=move |_| on_close.run(())>"Close"</button> }.into_any()
                } else {
                    view! {
                        <button type="button" autofocus disabled=running on:click=move |_| on_close.run(())>"Cancel"</button>
                        <button type="button" class="danger" disabled=running on:click=move |_| {
                            delete.dispatch(());
                        }>"Delete group"</button>
                    }.into_any()
                }}
            </div>
        </Dialog>
    }
}

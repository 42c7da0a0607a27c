//! A modal dialog: the backdrop, `role="dialog"` named by its heading, and Escape to close.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

#[component]
pub fn Dialog(
    /// The id of the heading that names the dialog.
    labelled_by: &'static str,
    /// The id of the text that describes it, if any.
    #[prop(optional)]
    described_by: Option<&'static str>,
    /// The wide layout, for tables.
    #[prop(optional)]
    wide: bool,
    /// Escape was pressed: the caller closes the dialog, or keeps it while work runs.
    #[prop(into)]
    on_escape: Callback<()>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="backdrop">
            <div
                class=if wide { "dialog wide" } else { "dialog" }
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                aria-describedby=described_by
                on:keydown=move |ev: KeyboardEvent| {
                    if ev.key() == "Escape" {
                        on_escape.run(());
                    }
                }
            >
                {children()}
            </div>
        </div>
    }
}

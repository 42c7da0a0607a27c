//! What the first-load build shows at the path of a view it does not hold. Through nginx this
//! never shows: nginx serves those paths from all-views.html (gatewatch_core::page::Document).

use gatewatch_core::page::{Document, Page};
use leptos::prelude::*;

#[component]
pub fn ServedElsewhere(page: Page) -> impl IntoView {
    let file = Document::AllViews.file();
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">{page.title()}</h1>
            <p class="notice">
                {format!(
                    "This view is in the console's second document, {file}, which the console's nginx serves at {}. \
                     This server sent the first-load document instead: serve the build through deploy/nginx, \
                     or for development run `trunk serve {file}`.",
                    page.path(),
                )}
            </p>
        </section>
    }
}

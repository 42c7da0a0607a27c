//! The view for a path the console does not know.

use gatewatch_core::page::Page;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">"Page not found"</h1>
            <p>"This address is not a gatewatch view. " <a href=Page::HOME.path()>"Go to the groups"</a></p>
        </section>
    }
}

//! The view for a path the console does not know.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">"Page not found"</h1>
            <p>"This address is not a gatewatch view. " <A href="/groups">"Go to the groups"</A></p>
        </section>
    }
}

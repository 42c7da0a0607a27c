//! The view for a path the console does not know.

use crate::views::nav_link::NavLink;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">"Page not found"</h1>
            <p>"This address is not a gatewatch view. " <NavLink href="/groups">"Go to the groups"</NavLink></p>
        </section>
    }
}

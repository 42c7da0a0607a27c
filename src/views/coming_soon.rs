//! Placeholder for a view that a later release fills: says what it will show, pretends nothing.

use leptos::prelude::*;

#[component]
pub fn ComingSoon(title: &'static str, what: &'static str) -> impl IntoView {
    view! {
        <section class="page" aria-labelledby="page-title">
            <h1 id="page-title">{title}</h1>
            <div class="notice">
                <p><strong>"Coming soon."</strong> " This view is not built yet."</p>
                <p>"It will show: " {what}</p>
            </div>
        </section>
    }
}

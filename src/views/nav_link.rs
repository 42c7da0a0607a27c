//! A link to one of the console's views: navigates without a reload and marks itself
//! `aria-current="page"` while its view is shown.

use crate::router::Router;
use leptos::ev::MouseEvent;
use leptos::prelude::*;

#[component]
pub fn NavLink(
    href: &'static str,
    children: Children,
    #[prop(optional)] class: &'static str,
    /// False for a second link to a view (the product name): one "current page" per page.
    #[prop(default = true)]
    mark_current: bool,
) -> impl IntoView {
    let router = Router::use_router();
    let path = router.path();
    let current = move || (mark_current && path.with(|p| p == href)).then_some("page");
    let follow = move |ev: MouseEvent| {
        // New tab, new window, download: the browser's own handling.
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        ev.prevent_default();
        router.navigate(href);
    };
    view! {
        <a href=href class=class aria-current=current on:click=follow>{children()}</a>
    }
}

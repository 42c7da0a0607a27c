//! A page's state kept in the address bar (leptos_router's location): read from the query, and
//! written as a new history entry, so a link reopens it and back/forward step through it.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// The state in the query (`parse` reads it, leniently), and the setter that goes to `href`
/// of a new state, staying where the user scrolled.
pub fn use_query_state<S>(parse: fn(&str) -> S, href: fn(&S) -> String) -> (Memo<S>, Callback<S>)
where
    S: Clone + PartialEq + Send + Sync + 'static,
{
    let search = use_location().search;
    let state = Memo::new(move |_| parse(&search.get()));
    let navigate = use_navigate();
    let set = Callback::new(move |next: S| {
        let options = NavigateOptions {
            scroll: false,
            ..Default::default()
        };
        navigate(&href(&next), options)
    });
    (state, set)
}

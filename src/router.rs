//! Client-side routing: the address bar's path and query as signals, navigation through the
//! History API, and back/forward. The console has six flat views and two pages with state in
//! the query, so this replaces leptos_router, whose generic route matching was ~9 % of the wasm.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The view shown at `/`.
const HOME: &str = "/groups";

/// The current address, shared by `provide` as context.
#[derive(Clone, Copy)]
pub struct Router {
    url: RwSignal<Url>,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Url {
    path: String,
    /// The query string without its leading '?'.
    search: String,
}

impl Router {
    /// Reads the address bar and follows back/forward; call once, in the root component.
    pub fn provide() -> Router {
        let router = Router {
            url: RwSignal::new(current_url()),
        };
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            router.url.set(current_url());
        });
        on_cleanup(move || handle.remove());
        provide_context(router);
        router
    }

    /// The router of the enclosing app. Panics outside one: every view is mounted under it.
    pub fn use_router() -> Router {
        expect_context::<Router>()
    }

    /// The view's path, e.g. `/charts` (`/` is the groups view: `/groups`); changes only when
    /// the path does, not on query changes.
    pub fn path(self) -> Memo<String> {
        Memo::new(move |_| {
            self.url.with(|u| match u.path.as_str() {
                "/" => HOME.to_string(),
                path => path.to_string(),
            })
        })
    }

    /// The query string without its leading '?', e.g. `metric=x&range=1h`.
    pub fn search(self) -> Memo<String> {
        Memo::new(move |_| self.url.with(|u| u.search.clone()))
    }

    /// Goes to `href` (a path with an optional query) as a new history entry, without a reload.
    pub fn navigate(self, href: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let new_path = href.split('?').next().unwrap_or(href);
        let path_changes = self.url.with_untracked(|u| u.path != new_path);
        if let Ok(history) = window.history() {
            // If pushState fails (it only does for a foreign origin), the page keeps its view.
            if history
                .push_state_with_url(&JsValue::NULL, "", Some(href))
                .is_err()
            {
                return;
            }
        }
        self.url.set(current_url());
        if path_changes {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }
}

fn current_url() -> Url {
    let location = web_sys::window().map(|w| w.location());
    let read = |f: fn(&web_sys::Location) -> Result<String, JsValue>| {
        location
            .as_ref()
            .and_then(|l| f(l).ok())
            .unwrap_or_default()
    };
    Url {
        path: read(web_sys::Location::pathname),
        search: read(web_sys::Location::search)
            .trim_start_matches('?')
            .to_string(),
    }
}

//! The root component: settings and health-report context, theme, header and the routes of
//! every page (leptos_router, with each page's path from `gatewatch_core::page::Page`).

use crate::clock::Clock;
use crate::components::header::Header;
use crate::health_reports::HealthReports;
use crate::pages::charts::ChartsPage;
use crate::pages::explore::ExplorePage;
use crate::pages::groups::GroupsPage;
use crate::pages::in_this_build;
use crate::pages::job::JobPage;
use crate::pages::not_found::NotFound;
use crate::pages::served_elsewhere::ServedElsewhere;
use crate::pages::targets::TargetsPage;
use crate::pages::windmill::WindmillPage;
use crate::settings_store::{self, SettingsContext};
use gatewatch_core::page::Page;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Redirect, Route, Router};
use leptos_router::StaticSegment;

#[component]
pub fn App() -> impl IntoView {
    let settings = RwSignal::new(settings_store::load());
    SettingsContext::provide(settings);
    // The pages' reads tell the header's health badges when a backend fails or comes back.
    HealthReports::provide();
    // One clock ticks every age and countdown on the page.
    Clock::provide();
    // Now, before any view reads the colours (the charts read them when they are built), and
    // again on every change.
    settings_store::apply_theme(settings.with_untracked(|s| s.theme));
    Effect::new(move || settings_store::apply_theme(settings.with(|s| s.theme)));

    // The routes are flat (one segment each): FlatRoutes, lighter than the nested Routes. A
    // query change (chart state) keeps the page; only a path change swaps it.
    view! {
        <Router>
            <Header />
            <main id="main">
                <FlatRoutes fallback=NotFound>
                    <Route path=StaticSegment("") view=|| view! { <Redirect path=Page::HOME.path() /> } />
                    <Route path=StaticSegment(Page::Groups.segment()) view=|| routed(Page::Groups, GroupsPage) />
                    <Route path=StaticSegment(Page::Charts.segment()) view=|| routed(Page::Charts, ChartsPage) />
                    <Route path=StaticSegment(Page::Explore.segment()) view=|| routed(Page::Explore, ExplorePage) />
                    <Route path=StaticSegment(Page::Targets.segment()) view=|| routed(Page::Targets, TargetsPage) />
                    <Route path=StaticSegment(Page::Windmill.segment()) view=|| routed(Page::Windmill, WindmillPage) />
                    <Route path=StaticSegment(Page::Job.segment()) view=|| routed(Page::Job, JobPage) />
                </FlatRoutes>
            </main>
        </Router>
    }
}

/// The page's view where this build has it, else the notice that another document serves it.
/// Inlined into each route, where `page` is a constant: a build without a view then does not
/// link that view's code (the first-load budget depends on it; scripts/test's build level checks).
#[inline(always)]
fn routed<V: IntoView + 'static>(page: Page, view: fn() -> V) -> AnyView {
    if in_this_build(page) {
        view().into_any()
    } else {
        view! { <ServedElsewhere page=page /> }.into_any()
    }
}

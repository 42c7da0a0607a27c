//! The root component: settings and health-report context, theme, header and the routes of
//! every page (leptos_router, with each page's path from `gatewatch_core::page::Page`).

use crate::clock::Clock;
use crate::components::header::Header;
use crate::health_reports::HealthReports;
use crate::pages::charts::ChartsPage;
use crate::pages::explore::ExplorePage;
use crate::pages::groups::GroupsPage;
#[cfg(feature = "job-page")]
use crate::pages::job::JobPage;
/// Without the `job-page` feature, /job says that there is no such page.
#[cfg(not(feature = "job-page"))]
use crate::pages::not_found::NotFound as JobPage;
use crate::pages::not_found::NotFound;
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
                    <Route path=StaticSegment(Page::Groups.segment()) view=GroupsPage />
                    <Route path=StaticSegment(Page::Charts.segment()) view=ChartsPage />
                    <Route path=StaticSegment(Page::Explore.segment()) view=ExplorePage />
                    <Route path=StaticSegment(Page::Targets.segment()) view=TargetsPage />
                    <Route path=StaticSegment(Page::Windmill.segment()) view=WindmillPage />
                    <Route path=StaticSegment(Page::Job.segment()) view=JobPage />
                </FlatRoutes>
            </main>
        </Router>
    }
}

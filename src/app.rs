//! The root component: settings and health-report context, theme, header and the routes of
//! every view.

use crate::settings_store::{self, SettingsContext};
use crate::views::charts_page::ChartsPage;
use crate::views::explore_page::ExplorePage;
use crate::views::groups_page::GroupsPage;
use crate::views::header::Header;
use crate::views::health_reports::HealthReports;
use crate::views::not_found::NotFound;
use crate::views::targets_page::TargetsPage;
use crate::views::windmill_page::WindmillPage;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let settings = RwSignal::new(settings_store::load());
    provide_context(SettingsContext(settings));
    // The pages' reads tell the header's health badges when a backend fails or comes back.
    HealthReports::provide();
    Effect::new(move || settings_store::apply_theme(settings.with(|s| s.theme)));

    view! {
        <Router>
            <Header />
            <main id="main">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=GroupsPage />
                    <Route path=path!("/groups") view=GroupsPage />
                    <Route path=path!("/charts") view=ChartsPage />
                    <Route path=path!("/explore") view=ExplorePage />
                    <Route path=path!("/targets") view=TargetsPage />
                    <Route path=path!("/windmill") view=WindmillPage />
                </Routes>
            </main>
        </Router>
    }
}

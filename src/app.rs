//! The root component: settings and health-report context, theme, header and the routes of
//! every view.

use crate::router::Router;
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

#[component]
pub fn App() -> impl IntoView {
    let settings = RwSignal::new(settings_store::load());
    SettingsContext::provide(settings);
    // The pages' reads tell the header's health badges when a backend fails or comes back.
    HealthReports::provide();
    // Now, before any view reads the colours (the charts read them when they are built), and
    // again on every change.
    settings_store::apply_theme(settings.with_untracked(|s| s.theme));
    Effect::new(move || settings_store::apply_theme(settings.with(|s| s.theme)));

    let path = Router::provide().path();
    // One view per path; a query change (chart state) keeps the view, only a path change swaps it.
    // (`view!` builds each page untracked: what a page reads while it starts never re-runs this.)
    let page = move || match path.get().as_str() {
        "/groups" => view! { <GroupsPage /> }.into_any(),
        "/charts" => view! { <ChartsPage /> }.into_any(),
        "/explore" => view! { <ExplorePage /> }.into_any(),
        "/targets" => view! { <TargetsPage /> }.into_any(),
        "/windmill" => view! { <WindmillPage /> }.into_any(),
        _ => view! { <NotFound /> }.into_any(),
    };

    view! {
        <Header />
        <main id="main">{page}</main>
    }
}

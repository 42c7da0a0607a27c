//! The console's views, one per route (`gatewatch_core::page::Page`): each reads through
//! `load` and `api`, and lays out shared components.

pub mod charts;
pub mod explore;
pub mod groups;
pub mod job;
pub mod not_found;
pub mod served_elsewhere;
pub mod targets;
pub mod windmill;

use gatewatch_core::page::{Document, Page};

/// Whether this build renders the page itself. A page it lacks is in the other document, and a
/// link to it is a full navigation (`rel="external"`, which the router leaves to the browser).
pub const fn in_this_build(page: Page) -> bool {
    cfg!(feature = "all-views") || matches!(page.document(), Document::FirstLoad)
}

/// The link's `rel`: `external` to a page this build lacks.
pub fn link_rel(page: Page) -> Option<&'static str> {
    (!in_this_build(page)).then_some("external")
}

//! The context through which the pages' reads tell the header's health badges what they just
//! saw of a backend ([`Report`]: failed, or answering again). [`Load`](crate::load::Load)
//! writes it, [`HealthBadge`](crate::components::health_badge::HealthBadge) reads it;
//! [`gatewatch_core::http::health`] decides what a report means.

use gatewatch_core::http::error::Backend;
use gatewatch_core::http::health::Report;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct HealthReports {
    prometheus: RwSignal<Option<Report>>,
    pushgateway: RwSignal<Option<Report>>,
}

impl HealthReports {
    /// Creates the reports and provides them to the components below.
    pub fn provide() -> HealthReports {
        let reports = HealthReports {
            prometheus: RwSignal::new(None),
            pushgateway: RwSignal::new(None),
        };
        provide_context(reports);
        reports
    }

    fn of(&self, backend: Backend) -> RwSignal<Option<Report>> {
        match backend {
            Backend::Prometheus => self.prometheus,
            Backend::Pushgateway => self.pushgateway,
        }
    }

    /// Tells the readers, even when the report repeats the last one (each failure counts).
    pub fn send(&self, backend: Backend, report: Report) {
        self.of(backend).try_set(Some(report));
    }

    /// The latest report about `backend` (tracked: a reader runs again on every report).
    pub fn latest(&self, backend: Backend) -> Option<Report> {
        self.of(backend).get()
    }
}

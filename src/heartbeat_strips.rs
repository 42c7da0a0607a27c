//! The Groups table's heartbeat strips (issue #18): the rows one page of the table shows ask a
//! single range query for their jobs' last 24 h (`core::schedule::strips`), and each row reads
//! its strip by identity. The table says which rows it shows; the page owns the read, so that
//! its Refresh and its error line cover the strips too.

use crate::api;
use crate::browser::now_secs;
use crate::chart::observe::use_theme_watch;
use crate::chart::theme::Theme;
use crate::load::{Load, RefreshCause};
use crate::settings_store::{use_bases, use_settings};
use futures::future::pending;
use gatewatch_core::charts::job_queries::ScrapeSetup;
use gatewatch_core::gateway::group_table::GroupRow;
use gatewatch_core::http::error::ApiError;
use gatewatch_core::schedule::history::GroupHistory;
use gatewatch_core::schedule::strips::{row_strips, strips_query, Strip};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The last answer: the histories, the time they end at, and the jobs they were asked for.
type Answered = (Vec<GroupHistory>, f64, Vec<String>);

#[derive(Clone, Copy)]
pub struct HeartbeatStrips {
    /// The rows the table shows now; the table sets it.
    shown: RwSignal<Vec<GroupRow>>,
    /// Each shown row's strip, by row identity.
    by_row: Memo<BTreeMap<String, Strip>>,
    setup: Load<ScrapeSetup>,
    load: Load<Answered>,
    /// The page's chart colours, watched once for every strip.
    pub theme: RwSignal<Theme>,
}

impl HeartbeatStrips {
    /// Starts the strips' reads (they wait until the table shows rows).
    pub fn start() -> HeartbeatStrips {
        let settings = use_settings();
        let bases = use_bases();
        let shown = RwSignal::new(Vec::<GroupRow>::new());
        // The query changes with the set of jobs shown, not with every push to them.
        let jobs = Memo::new(move |_| {
            let mut jobs: Vec<String> =
                shown.with(|rows| rows.iter().map(|r| r.job().to_string()).collect());
            jobs.sort_unstable();
            jobs.dedup();
            jobs
        });
        let setup = Load::new(move || {
            let base = bases.prometheus_base.get();
            async move { api::prometheus::scrape_setup(&base, now_secs()).await }
        });
        let load = Load::new(move || {
            let base = bases.prometheus_base.get();
            let query = jobs.with(|jobs| {
                let setup = setup.get().filter(|_| !jobs.is_empty())?;
                let now = now_secs();
                Some((strips_query(jobs, &setup, now), now, jobs.clone()))
            });
            async move {
                // Nothing shown (or no scrape setup yet: its error is the strips' error too).
                let Some((query, now, jobs)) = query else {
                    return pending().await;
                };
                Ok((
                    api::prometheus::job_history(&base, &query).await?,
                    now,
                    jobs,
                ))
            }
        });
        // Only rows whose job the answer was asked for: a row the table has just paged or
        // filtered in waits for its own answer ("loading"), instead of reading as "no runs" in
        // the previous one (which it is not in).
        let by_row = Memo::new(move |_| {
            load.with(|answer| {
                let Some((histories, to, asked)) = answer else {
                    return BTreeMap::new();
                };
                shown.with(|rows| {
                    let covered: Vec<GroupRow> = rows
                        .iter()
                        .filter(|r| asked.binary_search_by(|j| j.as_str().cmp(r.job())).is_ok())
                        .cloned()
                        .collect();
                    settings.with(|s| {
                        let strips = row_strips(&covered, histories, &s.per_job_schedules, *to);
                        covered.iter().map(GroupRow::identity).zip(strips).collect()
                    })
                })
            })
        });
        let theme = use_theme_watch();
        HeartbeatStrips {
            shown,
            by_row,
            setup,
            load,
            theme,
        }
    }

    /// The table shows these rows now. It hands its page over on every clock tick (freshness
    /// moves on); the strips change only with the groups listed and their expected intervals.
    pub fn show(&self, rows: Vec<GroupRow>) {
        let same = self.shown.with_untracked(|old| {
            old.len() == rows.len()
                && old.iter().zip(&rows).all(|(a, b)| {
                    Arc::ptr_eq(&a.group, &b.group) && a.expected_interval == b.expected_interval
                })
        });
        if !same {
            self.shown.set(rows);
        }
    }

    /// The strip of the row with this identity, once its jobs' history is in (tracked).
    pub fn of(&self, identity: &str) -> Option<Strip> {
        self.by_row.with(|s| s.get(identity).cloned())
    }

    /// Why the strips cannot be read now: the scrape setup they need, or their own query,
    /// failed (tracked; cleared by the next success).
    pub fn error(&self) -> Option<ApiError> {
        self.setup
            .status
            .error
            .get()
            .or_else(|| self.load.status.error.get())
    }

    pub fn refresh(&self, cause: RefreshCause) {
        self.setup.refresh(cause);
        self.load.refresh(cause);
    }
}

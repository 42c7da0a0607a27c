//! Unit tests of `crate::gateway::cleanup_flow`, against an in-memory gateway that queues its
//! deletes like the real one (a delete shows in the list read after the next one).

use super::*;
use crate::gateway::cleanup::{report, Report};
use crate::http::error::Backend;
use futures::executor::block_on;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

const NOW: f64 = 1_700_000_000.0;
const STALE_AFTER: f64 = 600.0;

fn labels(job: &str) -> Labels {
    [("job".to_string(), job.to_string())].into()
}

fn stale(job: &str) -> GatewayGroup {
    GatewayGroup {
        labels: labels(job),
        last_push_successful: true,
        push_time: Some(NOW - 3600.0),
        push_failure_time: None,
        families: vec![],
    }
}

#[derive(Default)]
struct FakeGateway {
    groups: RefCell<BTreeMap<Labels, GatewayGroup>>,
    queued: RefCell<Vec<Labels>>,
    /// Jobs pushed again right after the first read of the list (between preview and delete).
    push_on_first_read: Vec<&'static str>,
    reads: Cell<u32>,
    pauses: Cell<u32>,
    deletes: RefCell<Vec<String>>,
    /// Accepts deletes and never applies them.
    ignores_deletes: bool,
    list_fails: bool,
    /// Its bulk endpoint answers this outcome for every group (and deletes the group).
    bulk: Option<Outcome>,
}

impl FakeGateway {
    fn with(groups: &[GatewayGroup]) -> FakeGateway {
        FakeGateway {
            groups: RefCell::new(
                groups
                    .iter()
                    .map(|g| (g.labels.clone(), g.clone()))
                    .collect(),
            ),
            ..Default::default()
        }
    }

    fn has(&self, job: &str) -> bool {
        self.groups.borrow().contains_key(&labels(job))
    }
}

impl CleanupIo for FakeGateway {
    async fn list_groups(&self, _base: &str) -> Result<Vec<GatewayGroup>, ApiError> {
        if self.list_fails {
            return Err(ApiError::Unreachable {
                backend: Backend::Pushgateway,
                detail: "connection refused".into(),
            });
        }
        self.reads.set(self.reads.get() + 1);
        for l in self.queued.borrow_mut().drain(..) {
            self.groups.borrow_mut().remove(&l);
        }
        if self.reads.get() == 1 {
            for job in &self.push_on_first_read {
                if let Some(g) = self.groups.borrow_mut().get_mut(&labels(job)) {
                    g.push_time = Some(NOW - 1.0);
                }
            }
        }
        Ok(self.groups.borrow().values().cloned().collect())
    }

    async fn delete_group(&self, _base: &str, key: &GroupKey) -> Result<(), ApiError> {
        self.deletes.borrow_mut().push(key.path());
        if !self.ignores_deletes {
            let l = self
                .groups
                .borrow()
                .keys()
                .find(|l| GroupKey::from_labels(l).is_ok_and(|k| k == *key))
                .cloned();
            self.queued.borrow_mut().extend(l);
        }
        Ok(())
    }

    async fn bulk_delete(
        &self,
        _base: &str,
        batch: &[Previewed],
    ) -> Result<Option<Vec<Outcome>>, ApiError> {
        let Some(outcome) = &self.bulk else {
            return Ok(None);
        };
        if *outcome == Outcome::Deleted {
            self.queued
                .borrow_mut()
                .extend(batch.iter().map(|p| p.labels.clone()));
        }
        Ok(Some(vec![outcome.clone(); batch.len()]))
    }

    async fn pause(&self, _ms: u32) {
        self.pauses.set(self.pauses.get() + 1);
    }

    fn now(&self) -> f64 {
        NOW
    }
}

fn previewed(gateway: &str, groups: &[GatewayGroup]) -> Vec<Previewed> {
    groups
        .iter()
        .map(|g| Previewed {
            gateway: gateway.to_string(),
            ..Previewed::of(g, None, STALE_AFTER)
        })
        .collect()
}

#[test]
fn stale_groups_are_deleted_and_a_group_pushed_since_the_preview_is_kept() {
    let groups = [stale("f/a"), stale("f/pushed"), stale("f/b")];
    let gw = FakeGateway {
        push_on_first_read: vec!["f/pushed"],
        ..FakeGateway::with(&groups)
    };
    let done = block_on(clean(&gw, previewed("gw", &groups), |_, _| {}));
    assert_eq!(
        done,
        vec![
            (labels("f/pushed"), Outcome::Kept(Recheck::PushedAgain)),
            (labels("f/a"), Outcome::Deleted),
            (labels("f/b"), Outcome::Deleted),
        ]
    );
    assert!(gw.has("f/pushed") && !gw.has("f/a") && !gw.has("f/b"));
    assert_eq!(
        gw.deletes.borrow().len(),
        2,
        "never a delete for the pushed group"
    );
}

#[test]
fn a_group_gone_before_the_recheck_is_reported_already_gone() {
    let gone = stale("f/gone");
    let gw = FakeGateway::with(&[]);
    let done = block_on(clean(&gw, previewed("gw", &[gone]), |_, _| {}));
    assert_eq!(
        done,
        vec![(labels("f/gone"), Outcome::Kept(Recheck::AlreadyGone))]
    );
    assert!(gw.deletes.borrow().is_empty());
}

#[test]
fn a_delete_that_never_shows_is_still_there_after_every_re_read() {
    let groups = [stale("f/sticky")];
    let gw = FakeGateway {
        ignores_deletes: true,
        ..FakeGateway::with(&groups)
    };
    let done = block_on(clean(&gw, previewed("gw", &groups), |_, _| {}));
    assert_eq!(done, vec![(labels("f/sticky"), Outcome::StillThere)]);
    assert_eq!(gw.pauses.get(), VERIFY_ATTEMPTS - 1);
    assert_eq!(
        report(&done),
        Report {
            failed: 1,
            ..Report::default()
        }
    );
}

#[test]
fn a_list_that_cannot_be_read_deletes_nothing() {
    let groups = [stale("f/a"), stale("f/b")];
    let gw = FakeGateway {
        list_fails: true,
        ..FakeGateway::with(&groups)
    };
    let done = block_on(clean(&gw, previewed("gw", &groups), |_, _| {}));
    assert!(
        done.iter()
            .all(|(_, o)| matches!(o, Outcome::Failed(why) if why.contains("could not re-check"))),
        "{done:?}"
    );
    assert!(gw.deletes.borrow().is_empty());
}

#[test]
fn a_bulk_endpoint_s_outcomes_are_verified_too() {
    let groups = [stale("f/a"), stale("f/b")];
    let gw = FakeGateway {
        bulk: Some(Outcome::Deleted),
        ..FakeGateway::with(&groups)
    };
    let done = block_on(clean(&gw, previewed("gw", &groups), |_, _| {}));
    assert!(done.iter().all(|(_, o)| *o == Outcome::Deleted), "{done:?}");
    assert!(
        gw.deletes.borrow().is_empty(),
        "the bulk endpoint deleted them"
    );
    assert!(gw.reads.get() >= 1, "verified by a re-read");
    assert!(!gw.has("f/a") && !gw.has("f/b"));
}

#[test]
fn gateways_are_cleaned_one_after_the_other_and_progress_reaches_the_total() {
    let first = [stale("f/a"), stale("f/b")];
    let second = [stale("f/c")];
    let gw = FakeGateway::with(&[first.to_vec(), second.to_vec()].concat());
    let mut chosen = previewed("one", &first);
    chosen.extend(previewed("two", &second));
    let seen = RefCell::new(Vec::new());
    let done = block_on(clean(&gw, chosen, |d, t| seen.borrow_mut().push((d, t))));
    assert_eq!(done.len(), 3);
    assert_eq!(seen.borrow().last(), Some(&(3, 3)));
    assert!(seen.borrow().windows(2).all(|w| w[0].0 <= w[1].0));
}

#[test]
fn delete_and_verify_waits_for_the_group_to_go() {
    let gw = FakeGateway::with(&[stale("f/a")]);
    assert_eq!(
        block_on(delete_and_verify(&gw, "gw", &labels("f/a"))),
        Outcome::Deleted
    );
    let sticky = FakeGateway {
        ignores_deletes: true,
        ..FakeGateway::with(&[stale("f/a")])
    };
    assert_eq!(
        block_on(delete_and_verify(&sticky, "gw", &labels("f/a"))),
        Outcome::StillThere
    );
    // Labels that make no grouping key (no job) are refused before anything is sent.
    let none = FakeGateway::with(&[]);
    let outcome = block_on(delete_and_verify(&none, "gw", &Labels::new()));
    assert!(matches!(outcome, Outcome::Failed(_)), "{outcome:?}");
    assert!(none.deletes.borrow().is_empty());
}

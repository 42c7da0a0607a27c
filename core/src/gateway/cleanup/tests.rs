//! Unit tests of `crate::gateway::cleanup`.

use super::*;

const NOW: f64 = 1_700_000_000.0;

fn group(push_ago: Option<f64>, failure_ago: Option<f64>) -> GatewayGroup {
    GatewayGroup {
        labels: [("job".to_string(), "f/old".to_string())].into(),
        last_push_successful: true,
        push_time: push_ago.map(|a| NOW - a),
        push_failure_time: failure_ago.map(|a| NOW - a),
        families: vec![],
    }
}

#[test]
fn an_untouched_stale_group_is_deleted() {
    let g = group(Some(3600.0), None);
    let p = Previewed::of(&g, None, 600.0);
    assert_eq!(recheck(&p, Some(&g), NOW), Recheck::Delete);
}

#[test]
fn a_push_after_the_preview_keeps_the_group() {
    let before = group(Some(3600.0), None);
    let p = Previewed::of(&before, None, 600.0);
    assert_eq!(
        recheck(&p, Some(&group(Some(1.0), None)), NOW),
        Recheck::PushedAgain
    );
    // A failed attempt also proves the job is alive.
    assert_eq!(
        recheck(&p, Some(&group(Some(3600.0), Some(1.0))), NOW),
        Recheck::PushedAgain
    );
}

#[test]
fn a_group_that_is_not_stale_is_never_deleted() {
    let g = group(Some(30.0), None);
    let p = Previewed::of(&g, None, 600.0);
    assert_eq!(
        recheck(&p, Some(&g), NOW),
        Recheck::NotStale(Freshness::Fresh)
    );
}

#[test]
fn a_vanished_group_is_already_gone() {
    let p = Previewed::of(&group(Some(3600.0), None), None, 600.0);
    assert_eq!(recheck(&p, None, NOW), Recheck::AlreadyGone);
}

#[test]
fn the_report_counts_outcomes() {
    let l = Labels::new();
    let outcomes = vec![
        (l.clone(), Outcome::Deleted),
        (l.clone(), Outcome::Deleted),
        (l.clone(), Outcome::Kept(Recheck::PushedAgain)),
        (l.clone(), Outcome::Kept(Recheck::AlreadyGone)),
        (l.clone(), Outcome::StillThere),
        (l, Outcome::Failed("HTTP 500".into())),
    ];
    assert_eq!(
        report(&outcomes),
        Report {
            deleted: 2,
            kept: 1,
            already_gone: 1,
            failed: 2
        }
    );
    assert_eq!(
        Outcome::Kept(Recheck::PushedAgain).describe(),
        "pushed again — kept"
    );
}

#[test]
fn a_batch_that_could_not_be_sent_fails_every_group_with_the_reason() {
    let a = Previewed::of(&group(Some(3600.0), None), None, 600.0);
    let failed = all_failed(&[a.clone(), a], "HTTP 502");
    assert_eq!(failed.len(), 2);
    assert!(failed
        .iter()
        .all(|(_, o)| *o == Outcome::Failed("HTTP 502".into())));
    assert_eq!(report(&failed).failed, 2);
}

#[test]
fn a_cleanup_goes_gateway_by_gateway_in_first_seen_order() {
    let on = |gateway: &str, job: &str| {
        let mut g = group(Some(3600.0), None);
        g.labels.insert("job".into(), job.into());
        Previewed {
            gateway: gateway.into(),
            ..Previewed::of(&g, None, 600.0)
        }
    };
    let chosen = vec![on("/b", "1"), on("/a", "2"), on("/b", "3")];
    let batches = by_gateway(chosen.clone());
    let jobs = |batch: &[Previewed]| -> Vec<String> {
        batch.iter().map(|p| p.labels["job"].clone()).collect()
    };
    assert_eq!(batches.len(), 2);
    assert_eq!(batches[0].0, "/b");
    assert_eq!(jobs(&batches[0].1), ["1", "3"]);
    assert_eq!(batches[1].0, "/a");
    assert_eq!(jobs(&batches[1].1), ["2"]);
    assert!(by_gateway(Vec::new()).is_empty());
}

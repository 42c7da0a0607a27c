//! The header's backend badges: what the pages' reads tell them, and when they check again.
//!
//! A badge checks its backend itself (Prometheus' build info, the gateway's status): every
//! [`RECHECK_EVERY`] while it answers, and with the retry backoff ([`crate::http::backoff`])
//! while it does not. The pages read the same backends more often, so each of their reads
//! reports what it saw: a failure that time can fix (the backend is down, restarting, cut off),
//! or an answer after such a failure. A badge the report contradicts checks at once; the badge
//! never stays green for a quarter of a minute beside a page that names its backend as failing,
//! nor red after the page has recovered. The gateway badge checks every configured gateway.

#[cfg(test)]
mod tests;

use crate::http::backoff::worth_retrying;
use crate::http::error::{ApiError, Backend};
use std::time::Duration;

/// How often a badge re-checks a backend that answers.
pub const RECHECK_EVERY: Duration = Duration::from_secs(15);

/// What a badge shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Badge {
    /// No answer yet.
    Checking,
    Up,
    Down,
}

impl Badge {
    /// From the badge's own checks: whether one ever answered, and whether the latest failed.
    pub fn from_checks(answered: bool, failing: bool) -> Badge {
        match (answered, failing) {
            (_, true) => Badge::Down,
            (true, false) => Badge::Up,
            (false, false) => Badge::Checking,
        }
    }
}

/// What a page's read just saw of its backend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Report {
    /// It failed in a way that says the backend is in trouble.
    Failed,
    /// It answered after such a failure.
    Recovered,
}

/// The report a read makes from its outcome, given its error before (`previous`). Only the
/// errors worth retrying speak about the backend's health: a refused query or a 4xx (a wrong
/// base URL) comes from a backend that answers.
pub fn report(
    previous: Option<&ApiError>,
    outcome: Result<(), &ApiError>,
) -> Option<(Backend, Report)> {
    match outcome {
        Err(e) => worth_retrying(e).then(|| (e.backend(), Report::Failed)),
        Ok(()) => previous
            .filter(|e| worth_retrying(e))
            .map(|e| (e.backend(), Report::Recovered)),
    }
}

/// Whether a badge checks its backend at once after a page's report: when the report says
/// otherwise than the badge shows (the badge's own check decides what it shows next).
pub fn recheck_now(badge: Badge, report: Report) -> bool {
    matches!(
        (badge, report),
        (Badge::Up, Report::Failed) | (Badge::Down, Report::Recovered)
    )
}

/// The gateway badge's check of every configured gateway (`answers`: each base URL with its
/// status read, the version if the gateway tells it): the version when all answer ("1.5.1
/// on 2 gateways" for several), else the first failure, naming its gateway when there are
/// several.
pub fn gateways_check(
    answers: Vec<(String, Result<Option<String>, ApiError>)>,
) -> Result<String, ApiError> {
    let count = answers.len();
    let several = count > 1;
    let mut versions: Vec<String> = Vec::new();
    for (base, answer) in answers {
        match answer {
            Ok(version) => {
                let version = version.unwrap_or_else(|| "version unknown".into());
                if !versions.contains(&version) {
                    versions.push(version);
                }
            }
            Err(e) if several => return Err(e.on_gateway(&base)),
            Err(e) => return Err(e),
        }
    }
    let versions = versions.join(", ");
    Ok(if several {
        format!("{versions} on {count} gateways")
    } else {
        versions
    })
}

//! The settings as saved in localStorage, written and read by serde. Reading is lenient: a
//! field that is missing or of the wrong type falls back alone (serde_with's `DefaultOnError`),
//! and so does one bad entry of a list or map, so a corrupt entry never locks the user out.

#[cfg(test)]
mod tests;

use super::{saved_base_url, valid_threshold, Settings, Theme};
use crate::http::backoff::Backoff;
use crate::schedule::set::SetSchedule;
use serde::{Deserialize, Serialize};
use serde_with::{serde_as, DefaultOnError, MapSkipError, VecSkipError};
use std::collections::BTreeMap;

/// What is saved: the settings' fields under their own names.
#[derive(Serialize)]
struct Saved<'a> {
    prometheus_base: &'a str,
    pushgateway_base: &'a str,
    more_pushgateways: &'a [String],
    prometheus_ui: &'a str,
    theme: &'a str,
    stale_after_secs: f64,
    per_job_stale_secs: &'a BTreeMap<String, f64>,
    per_job_schedules: &'a BTreeMap<String, SetSchedule>,
    retry_base_secs: f64,
    retry_max_secs: f64,
}

/// What is read back: each field `None` where it is absent or unreadable. `Option`, not the
/// field's type with `#[serde(default)]`: the fallback is the setting's default, not `""`.
#[serde_as]
#[derive(Deserialize, Default)]
#[serde(default)]
struct Loaded {
    #[serde_as(as = "DefaultOnError")]
    prometheus_base: Option<String>,
    #[serde_as(as = "DefaultOnError")]
    pushgateway_base: Option<String>,
    #[serde_as(as = "DefaultOnError<Option<VecSkipError<_>>>")]
    more_pushgateways: Option<Vec<String>>,
    #[serde_as(as = "DefaultOnError")]
    prometheus_ui: Option<String>,
    #[serde_as(as = "DefaultOnError")]
    theme: Option<String>,
    #[serde_as(as = "DefaultOnError")]
    stale_after_secs: Option<f64>,
    #[serde_as(as = "DefaultOnError<Option<MapSkipError<_, _>>>")]
    per_job_stale_secs: Option<BTreeMap<String, f64>>,
    #[serde_as(as = "DefaultOnError<Option<MapSkipError<_, _>>>")]
    per_job_schedules: Option<BTreeMap<String, SetSchedule>>,
    #[serde_as(as = "DefaultOnError")]
    retry_base_secs: Option<f64>,
    #[serde_as(as = "DefaultOnError")]
    retry_max_secs: Option<f64>,
}

impl Settings {
    /// Reads settings saved as JSON; what is missing, unreadable or invalid falls back to its
    /// default (the rest is kept). Text that is no JSON object gives the defaults.
    pub fn from_json(json: &str) -> Settings {
        let saved: Loaded = serde_json::from_str(json).unwrap_or_default();
        let defaults = Settings::default();
        let base = |saved: Option<String>, default: String| {
            saved.as_deref().and_then(saved_base_url).unwrap_or(default)
        };
        let mut per_job_stale_secs = saved.per_job_stale_secs.unwrap_or_default();
        per_job_stale_secs.retain(|_, secs| valid_threshold(*secs).is_some());
        let mut per_job_schedules = saved.per_job_schedules.unwrap_or_default();
        per_job_schedules.retain(|_, schedule| schedule.is_valid());
        let backoff = Backoff::from_secs(
            saved.retry_base_secs.unwrap_or(defaults.retry_base_secs),
            saved.retry_max_secs.unwrap_or(defaults.retry_max_secs),
        );
        Settings {
            prometheus_base: base(saved.prometheus_base, defaults.prometheus_base),
            pushgateway_base: base(saved.pushgateway_base, defaults.pushgateway_base),
            more_pushgateways: saved
                .more_pushgateways
                .unwrap_or_default()
                .iter()
                .filter_map(|g| saved_base_url(g))
                .collect(),
            prometheus_ui: base(saved.prometheus_ui, defaults.prometheus_ui),
            theme: saved.theme.as_deref().map_or(Theme::System, Theme::parse),
            stale_after_secs: saved
                .stale_after_secs
                .and_then(valid_threshold)
                .unwrap_or(defaults.stale_after_secs),
            per_job_stale_secs,
            per_job_schedules,
            retry_base_secs: backoff.base.as_secs_f64(),
            retry_max_secs: backoff.max.as_secs_f64(),
        }
    }

    pub fn to_json(&self) -> String {
        let saved = Saved {
            prometheus_base: &self.prometheus_base,
            pushgateway_base: &self.pushgateway_base,
            more_pushgateways: &self.more_pushgateways,
            prometheus_ui: &self.prometheus_ui,
            theme: self.theme.as_str(),
            stale_after_secs: self.stale_after_secs,
            per_job_stale_secs: &self.per_job_stale_secs,
            per_job_schedules: &self.per_job_schedules,
            retry_base_secs: self.retry_base_secs,
            retry_max_secs: self.retry_max_secs,
        };
        // Only a map with non-string keys could fail, and these have none.
        serde_json::to_string(&saved).unwrap_or_default()
    }
}

//! User settings (backend base URLs, theme, per-job thresholds and schedules) with defaults and validation; their saved JSON form
//! is in `stored`, the browser storage elsewhere.

#[cfg(test)]
mod tests;

use crate::gateway::freshness::{StaleThresholds, DEFAULT_STALE_AFTER_SECS};
use crate::http::backoff::Backoff;
use crate::schedule::set::SetSchedule;
use std::collections::BTreeMap;

pub mod form;
mod stored;

pub const DEFAULT_PROMETHEUS_BASE: &str = "/prometheus";
pub const DEFAULT_PUSHGATEWAY_BASE: &str = "/pushgateway";
/// Where "Open in Prometheus" links point: Prometheus' own UI, not proxied by the console.
pub const DEFAULT_PROMETHEUS_UI: &str = "http://localhost:9090";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the operating system's light/dark preference.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub prometheus_base: String,
    pub pushgateway_base: String,
    /// Further gateways (HA pairs, per-team gateways), listed and cleaned alongside the first.
    pub more_pushgateways: Vec<String>,
    /// Prometheus' own web UI, for "Open in Prometheus" links.
    pub prometheus_ui: String,
    pub theme: Theme,
    /// A group whose last push is older than this is stale (seconds).
    pub stale_after_secs: f64,
    /// Per-job overrides of `stale_after_secs`, keyed by the full job (Windmill path).
    pub per_job_stale_secs: BTreeMap<String, f64>,
    /// Schedules set on a job's page, keyed by the full job; they win over inference.
    pub per_job_schedules: BTreeMap<String, SetSchedule>,
    /// Retrying a failing backend: the first wait and the longest one, in seconds
    /// ([`Backoff`]). No form field: saved settings only (docs/backends.md, the e2e tests).
    pub retry_base_secs: f64,
    pub retry_max_secs: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            prometheus_base: DEFAULT_PROMETHEUS_BASE.to_string(),
            pushgateway_base: DEFAULT_PUSHGATEWAY_BASE.to_string(),
            more_pushgateways: Vec::new(),
            prometheus_ui: DEFAULT_PROMETHEUS_UI.to_string(),
            theme: Theme::System,
            stale_after_secs: DEFAULT_STALE_AFTER_SECS,
            per_job_stale_secs: BTreeMap::new(),
            per_job_schedules: BTreeMap::new(),
            retry_base_secs: Backoff::DEFAULT.base.as_secs_f64(),
            retry_max_secs: Backoff::DEFAULT.max.as_secs_f64(),
        }
    }
}

impl Settings {
    /// How long to wait between attempts at a failing backend.
    pub fn backoff(&self) -> Backoff {
        Backoff::from_secs(self.retry_base_secs, self.retry_max_secs)
    }

    /// Every gateway base URL, the first one first, without repeats.
    pub fn gateways(&self) -> Vec<String> {
        let mut all = vec![self.pushgateway_base.clone()];
        for g in &self.more_pushgateways {
            if !all.contains(g) {
                all.push(g.clone());
            }
        }
        all
    }

    pub fn thresholds(&self) -> StaleThresholds {
        StaleThresholds {
            global_secs: self.stale_after_secs,
            per_job_secs: self.per_job_stale_secs.clone(),
            schedules: self.per_job_schedules.clone(),
        }
    }
}

/// Parses "one base URL per line" (blank lines ignored); names the first bad line.
pub fn parse_gateway_list(text: &str) -> Result<Vec<String>, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| normalize_base_url(l).map_err(|e| format!("\"{l}\": {e}")))
        .collect()
}

/// A base URL read back from saved settings. A saved "" is the root ("/" normalized), which
/// `normalize_base_url` refuses as empty input.
fn saved_base_url(saved: &str) -> Option<String> {
    match saved {
        "" => Some(String::new()),
        _ => normalize_base_url(saved).ok(),
    }
}

/// A stale threshold must be a positive, finite number of seconds.
pub fn valid_threshold(secs: f64) -> Option<f64> {
    (secs.is_finite() && secs > 0.0).then_some(secs)
}

/// Parses a threshold typed in minutes ("10", "1.5") into seconds.
pub fn parse_minutes(input: &str) -> Result<f64, String> {
    let minutes = input
        .trim()
        .parse::<f64>()
        .ok()
        .ok_or_else(|| format!("\"{}\" is not a number of minutes.", input.trim()))?;
    valid_threshold(minutes * 60.0)
        .ok_or_else(|| "The threshold must be more than 0 minutes.".into())
}

/// Accepts a same-origin path ("/prometheus") or an absolute http(s) URL, without the trailing
/// slash, so that `base + "/api/v1/..."` is always a well-formed URL.
pub fn normalize_base_url(input: &str) -> Result<String, String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err("The base URL is empty.".into());
    }
    if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("The base URL must not contain spaces.".into());
    }
    if trimmed.contains('?') || trimmed.contains('#') {
        return Err("The base URL must not contain '?' or '#'.".into());
    }
    let without_slash = trimmed.trim_end_matches('/');
    if let Some(rest) = without_slash
        .strip_prefix("http://")
        .or_else(|| without_slash.strip_prefix("https://"))
    {
        if rest.is_empty() {
            return Err("The URL has no host.".into());
        }
        return Ok(without_slash.to_string());
    }
    if trimmed.starts_with('/') {
        // "/" alone means the backend is served at the console's root.
        return Ok(without_slash.to_string());
    }
    Err("Use a path such as /prometheus or a URL such as http://host:9090.".into())
}

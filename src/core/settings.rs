//! User settings (backend base URLs, theme) with defaults and validation; storage lives elsewhere.

use super::backoff::Backoff;
use super::freshness::{StaleThresholds, DEFAULT_STALE_AFTER_SECS};
use super::sort::collect_map;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

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
            retry_base_secs: Backoff::DEFAULT.base.as_secs_f64(),
            retry_max_secs: Backoff::DEFAULT.max.as_secs_f64(),
        }
    }
}

impl Settings {
    /// Reads settings saved as JSON; a field that is missing or unreadable falls back to its
    /// default (the others are kept), so a corrupt localStorage entry never locks the user out.
    pub fn from_json(json: &str) -> Settings {
        let parsed = serde_json::from_str::<Value>(json)
            .ok()
            .and_then(|v| match v {
                Value::Object(saved) => Some(Settings::from_saved(&saved)),
                _ => None,
            })
            .unwrap_or_default();
        let defaults = Settings::default();
        let backoff = parsed.backoff();
        let base = |saved: &str, default: String| saved_base_url(saved).unwrap_or(default);
        Settings {
            prometheus_base: base(&parsed.prometheus_base, defaults.prometheus_base),
            pushgateway_base: base(&parsed.pushgateway_base, defaults.pushgateway_base),
            more_pushgateways: parsed
                .more_pushgateways
                .iter()
                .filter_map(|g| saved_base_url(g))
                .collect(),
            prometheus_ui: base(&parsed.prometheus_ui, defaults.prometheus_ui),
            theme: parsed.theme,
            stale_after_secs: valid_threshold(parsed.stale_after_secs)
                .unwrap_or(defaults.stale_after_secs),
            per_job_stale_secs: collect_map(
                parsed
                    .per_job_stale_secs
                    .into_iter()
                    .filter(|(_, secs)| valid_threshold(*secs).is_some()),
            ),
            retry_base_secs: backoff.base.as_secs_f64(),
            retry_max_secs: backoff.max.as_secs_f64(),
        }
    }

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
        }
    }

    pub fn to_json(&self) -> String {
        let saved = json!({
            "prometheus_base": self.prometheus_base,
            "pushgateway_base": self.pushgateway_base,
            "more_pushgateways": self.more_pushgateways,
            "prometheus_ui": self.prometheus_ui,
            "theme": self.theme.as_str(),
            "stale_after_secs": self.stale_after_secs,
            "per_job_stale_secs": self.per_job_stale_secs,
            "retry_base_secs": self.retry_base_secs,
            "retry_max_secs": self.retry_max_secs,
        });
        super::json_write::to_json(&saved).unwrap_or_default()
    }

    /// The saved fields as they are, each of the wrong type replaced by its default; `from_json`
    /// validates the values. (Read by hand, as the API answers are: serde's derived readers
    /// would add a second JSON reader to the wasm.)
    fn from_saved(saved: &Map<String, Value>) -> Settings {
        let defaults = Settings::default();
        let text = |key: &str, default: String| {
            saved
                .get(key)
                .and_then(Value::as_str)
                .map_or(default, str::to_string)
        };
        let number =
            |key: &str, default: f64| saved.get(key).and_then(Value::as_f64).unwrap_or(default);
        Settings {
            prometheus_base: text("prometheus_base", defaults.prometheus_base),
            pushgateway_base: text("pushgateway_base", defaults.pushgateway_base),
            more_pushgateways: saved
                .get("more_pushgateways")
                .and_then(Value::as_array)
                .map(|list| {
                    list.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            prometheus_ui: text("prometheus_ui", defaults.prometheus_ui),
            theme: saved
                .get("theme")
                .and_then(Value::as_str)
                .map_or(Theme::System, Theme::parse),
            stale_after_secs: number("stale_after_secs", defaults.stale_after_secs),
            per_job_stale_secs: saved
                .get("per_job_stale_secs")
                .and_then(Value::as_object)
                .map(|jobs| {
                    jobs.iter()
                        .filter_map(|(job, secs)| Some((job.clone(), secs.as_f64()?)))
                        .collect::<Vec<_>>()
                })
                .map(collect_map)
                .unwrap_or_default(),
            retry_base_secs: number("retry_base_secs", defaults.retry_base_secs),
            retry_max_secs: number("retry_max_secs", defaults.retry_max_secs),
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
    let minutes: f64 = input
        .trim()
        .parse()
        .map_err(|_| format!("\"{}\" is not a number of minutes.", input.trim()))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_normalized() {
        assert_eq!(normalize_base_url(" /prometheus/ ").unwrap(), "/prometheus");
        assert_eq!(
            normalize_base_url("http://h:9090/").unwrap(),
            "http://h:9090"
        );
        assert_eq!(normalize_base_url("https://h/x").unwrap(), "https://h/x");
        assert_eq!(normalize_base_url("/").unwrap(), "");
    }

    #[test]
    fn bad_base_urls_are_refused_with_a_reason() {
        for bad in [
            "",
            "  ",
            "prometheus",
            "ftp://h",
            "http://",
            "/a b",
            "/p?x=1",
            "/p#x",
        ] {
            let err = normalize_base_url(bad).unwrap_err();
            assert!(!err.is_empty(), "{bad:?}");
        }
    }

    #[test]
    fn settings_round_trip_and_survive_garbage() {
        let s = Settings {
            prometheus_base: "http://p:9090".into(),
            pushgateway_base: "/gw".into(),
            more_pushgateways: vec!["/pushgateway-2".into()],
            prometheus_ui: "https://prom.example".into(),
            theme: Theme::Dark,
            stale_after_secs: 120.0,
            per_job_stale_secs: [("u/admin/daily".to_string(), 90_000.0)].into(),
            retry_base_secs: 0.25,
            retry_max_secs: 4.0,
        };
        assert_eq!(Settings::from_json(&s.to_json()), s);
        assert_eq!(Settings::from_json("{not json"), Settings::default());
        assert_eq!(Settings::from_json("null"), Settings::default());
        // A field of the wrong type falls back alone; the rest of what was saved stays.
        let mixed = Settings::from_json(
            r#"{"theme":"dark","stale_after_secs":"soon","more_pushgateways":["/b",3],
                "per_job_stale_secs":{"a":"x","b/é":60},"prometheus_base":7}"#,
        );
        assert_eq!(mixed.theme, Theme::Dark);
        assert_eq!(mixed.stale_after_secs, Settings::default().stale_after_secs);
        assert_eq!(mixed.more_pushgateways, ["/b"]);
        assert_eq!(mixed.per_job_stale_secs, [("b/é".to_string(), 60.0)].into());
        assert_eq!(mixed.prometheus_base, DEFAULT_PROMETHEUS_BASE);
        let partial = Settings::from_json(r#"{"theme":"light","prometheus_base":"nope"}"#);
        assert_eq!(partial.theme, Theme::Light);
        assert_eq!(partial.prometheus_base, DEFAULT_PROMETHEUS_BASE);
        let bad =
            Settings::from_json(r#"{"stale_after_secs":-1,"per_job_stale_secs":{"a":0,"b":60}}"#);
        assert_eq!(bad.stale_after_secs, DEFAULT_STALE_AFTER_SECS);
        assert_eq!(bad.per_job_stale_secs.len(), 1);
        assert_eq!(bad.thresholds().for_job("b"), 60.0);
        let retry = Settings::from_json(r#"{"retry_base_secs":-1,"retry_max_secs":0}"#);
        assert_eq!(retry.backoff(), Backoff::DEFAULT);
        assert_eq!((retry.retry_base_secs, retry.retry_max_secs), (1.0, 30.0));
        let slow_max = Settings::from_json(r#"{"retry_base_secs":2,"retry_max_secs":0.5}"#);
        assert_eq!(
            (slow_max.retry_base_secs, slow_max.retry_max_secs),
            (2.0, 2.0)
        );
    }

    #[test]
    fn several_gateways() {
        let parsed = parse_gateway_list("\n /pushgateway-2/ \nhttp://gw:9091\n").unwrap();
        assert_eq!(parsed, vec!["/pushgateway-2", "http://gw:9091"]);
        assert!(parse_gateway_list("/ok\nnot a url")
            .unwrap_err()
            .contains("not a url"));
        let s = Settings {
            more_pushgateways: vec!["/b".into(), "/pushgateway".into()],
            ..Settings::default()
        };
        assert_eq!(s.gateways(), vec!["/pushgateway", "/b"]);
        let bad = Settings::from_json(r#"{"more_pushgateways":["/ok","bad url"]}"#);
        assert_eq!(bad.more_pushgateways, vec!["/ok"]);
    }

    #[test]
    fn minutes_parse_into_seconds() {
        assert_eq!(parse_minutes(" 10 ").unwrap(), 600.0);
        assert_eq!(parse_minutes("1.5").unwrap(), 90.0);
        assert!(parse_minutes("0").is_err());
        assert!(parse_minutes("ten").unwrap_err().contains("ten"));
        assert!(parse_minutes("NaN").is_err());
    }
}

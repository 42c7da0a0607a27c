//! The settings as saved in localStorage: JSON read through core::json field by field, as the
//! API answers are (serde's derived reader would add a second JSON reader to the wasm), and
//! written by serde's derived writer.

use super::{saved_base_url, valid_threshold, Settings, Theme};
use crate::core::job_secs::JobSecs;
use crate::core::json::{self, Map, Value};
use crate::core::json_write::to_json;
use serde::Serialize;

/// What is saved: the settings' fields under their own names.
#[derive(Serialize)]
struct Saved<'a> {
    prometheus_base: &'a str,
    pushgateway_base: &'a str,
    more_pushgateways: &'a [String],
    prometheus_ui: &'a str,
    theme: &'a str,
    stale_after_secs: f64,
    per_job_stale_secs: &'a JobSecs,
    retry_base_secs: f64,
    retry_max_secs: f64,
}

impl Settings {
    /// Reads settings saved as JSON; a field that is missing or unreadable falls back to its
    /// default (the others are kept), so a corrupt localStorage entry never locks the user out.
    pub fn from_json(json: &str) -> Settings {
        let parsed = json::parse(json)
            .ok()
            .and_then(|v| match v {
                Value::Object(saved) => Some(Settings::from_saved(&saved)),
                _ => None,
            })
            .unwrap_or_default();
        let defaults = Settings::default();
        let backoff = parsed.backoff();
        let mut per_job_stale_secs = parsed.per_job_stale_secs;
        per_job_stale_secs.retain(|_, secs| valid_threshold(secs).is_some());
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
            per_job_stale_secs,
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
            retry_base_secs: self.retry_base_secs,
            retry_max_secs: self.retry_max_secs,
        };
        to_json(&saved).unwrap_or_default()
    }

    /// The saved fields as they are, each of the wrong type replaced by its default; `from_json`
    /// validates the values.
    fn from_saved(saved: &Map) -> Settings {
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
                        .collect()
                })
                .unwrap_or_default(),
            retry_base_secs: number("retry_base_secs", defaults.retry_base_secs),
            retry_max_secs: number("retry_max_secs", defaults.retry_max_secs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::backoff::Backoff;
    use crate::core::freshness::DEFAULT_STALE_AFTER_SECS;
    use crate::core::settings::DEFAULT_PROMETHEUS_BASE;

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
}

//! The Settings dialog's fields as typed, and their check: each field is read as its setting,
//! and the first bad one is named in the message.

#[cfg(test)]
mod tests;

use super::{normalize_base_url, parse_gateway_list, parse_minutes, Settings, Theme};

/// What the dialog's fields hold: text as typed, the theme as chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct SettingsForm {
    pub prometheus_base: String,
    pub pushgateway_base: String,
    /// One base URL per line.
    pub more_gateways: String,
    pub prometheus_ui: String,
    /// The stale threshold in minutes.
    pub stale_minutes: String,
    pub theme: Theme,
}

impl SettingsForm {
    /// The fields showing `settings`.
    pub fn of(settings: &Settings) -> SettingsForm {
        SettingsForm {
            prometheus_base: settings.prometheus_base.clone(),
            pushgateway_base: settings.pushgateway_base.clone(),
            more_gateways: settings.more_pushgateways.join("\n"),
            prometheus_ui: settings.prometheus_ui.clone(),
            stale_minutes: format_minutes(settings.stale_after_secs),
            theme: settings.theme,
        }
    }

    /// `current` with the fields' values, or what is wrong with the first bad field. Settings the
    /// dialog does not show (per-job thresholds, backoff) are kept.
    pub fn apply(&self, current: &Settings) -> Result<Settings, String> {
        fn named(field: &'static str) -> impl Fn(String) -> String {
            move |e| format!("{field}: {e}")
        }
        Ok(Settings {
            prometheus_base: normalize_base_url(&self.prometheus_base)
                .map_err(named("Prometheus base URL"))?,
            pushgateway_base: normalize_base_url(&self.pushgateway_base)
                .map_err(named("Pushgateway base URL"))?,
            stale_after_secs: parse_minutes(&self.stale_minutes).map_err(named("Stale after"))?,
            prometheus_ui: normalize_base_url(&self.prometheus_ui)
                .map_err(named("Prometheus UI URL"))?,
            more_pushgateways: parse_gateway_list(&self.more_gateways)
                .map_err(named("More gateways"))?,
            theme: self.theme,
            ..current.clone()
        })
    }
}

/// Seconds as the minutes a user would type: "10", "1.5".
pub fn format_minutes(secs: f64) -> String {
    let minutes = secs / 60.0;
    if minutes.fract() == 0.0 {
        format!("{minutes:.0}")
    } else {
        format!("{minutes}")
    }
}

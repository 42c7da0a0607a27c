//! Serde models of the `data` of Prometheus' query, label, series, targets and buildinfo
//! endpoints, read into the types of [`super`]. `data` of a query is tagged by `resultType`,
//! as prometheus-http-query models it.

use super::{BuildInfo, InstantSeries, Labels, QueryResult, RangeSeries, Target};
use crate::http::de::{from_data, Sample};
use crate::time::duration::parse_duration;
use serde::de::{self, Deserializer, IgnoredAny};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_with::{serde_as, DefaultOnError, DeserializeAs, Same};

/// `data` of `/api/v1/query` and `/api/v1/query_range`: `{resultType, result}`.
pub fn parse_query_result(data: &RawValue) -> Result<QueryResult, String> {
    from_data::<WireResult>(data).map(QueryResult::from)
}

/// `data` of `/api/v1/labels` and `/api/v1/label/<name>/values`.
pub fn parse_string_list(data: &RawValue) -> Result<Vec<String>, String> {
    from_data(data)
}

/// `data` of `/api/v1/series`: one label set per series.
pub fn parse_series(data: &RawValue) -> Result<Vec<Labels>, String> {
    from_data(data)
}

/// `data.activeTargets` of `/api/v1/targets` (dropped targets are not shown).
pub fn parse_targets(data: &RawValue) -> Result<Vec<Target>, String> {
    from_data::<WireTargets>(data).map(|t| t.active_targets.unwrap_or_default())
}

/// `data` of `/api/v1/status/buildinfo`. VictoriaMetrics answers `data: {}` without a version:
/// the server is reachable all the same.
pub fn parse_buildinfo(data: &RawValue) -> Result<BuildInfo, String> {
    let wire: WireBuildInfo = from_data(data)?;
    Ok(BuildInfo {
        version: wire
            .version
            .unwrap_or_else(|| "(version not reported)".to_owned()),
        go_version: wire.go_version,
    })
}

#[derive(Deserialize)]
#[serde(
    tag = "resultType",
    content = "result",
    rename_all = "lowercase",
    expecting = "an object"
)]
enum WireResult {
    Vector(Vec<WireInstant>),
    Matrix(Vec<WireRange>),
    Scalar(#[serde(deserialize_with = "sample_pair")] (f64, f64)),
    String(#[serde(deserialize_with = "string_pair")] (f64, String)),
}

impl From<WireResult> for QueryResult {
    fn from(wire: WireResult) -> QueryResult {
        match wire {
            WireResult::Vector(v) => QueryResult::Vector(v.into_iter().map(|s| s.0).collect()),
            WireResult::Matrix(m) => QueryResult::Matrix(m.into_iter().map(|s| s.0).collect()),
            WireResult::Scalar((t, v)) => QueryResult::Scalar(t, v),
            WireResult::String((t, s)) => QueryResult::String(t, s),
        }
    }
}

/// `[unix_seconds, "1.5"]`, the pair Prometheus uses for every sample.
fn sample_pair<'de, D: Deserializer<'de>>(d: D) -> Result<(f64, f64), D::Error> {
    <(Sample, Sample)>::deserialize_as(d)
}

/// `[unix_seconds, "text"]` of a string result.
fn string_pair<'de, D: Deserializer<'de>>(d: D) -> Result<(f64, String), D::Error> {
    <(Sample, Same)>::deserialize_as(d)
}

#[serde_as]
#[derive(Deserialize)]
#[serde(expecting = "an object")]
struct WireInstantFields {
    /// Prometheus sends `{}` for label-less results; some servers leave it out or send null.
    metric: Option<Labels>,
    #[serde_as(as = "Option<(Sample, Sample)>")]
    #[serde(default)]
    value: Option<(f64, f64)>,
    /// A native histogram sample, which this console does not read.
    histogram: Option<IgnoredAny>,
}

struct WireInstant(InstantSeries);

impl<'de> Deserialize<'de> for WireInstant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let wire = WireInstantFields::deserialize(d)?;
        if wire.histogram.is_some() {
            return Err(de::Error::custom(
                "native histogram samples are not supported",
            ));
        }
        Ok(WireInstant(InstantSeries {
            metric: wire.metric.unwrap_or_default(),
            value: wire
                .value
                .ok_or_else(|| de::Error::missing_field("value"))?,
        }))
    }
}

#[serde_as]
#[derive(Deserialize)]
#[serde(expecting = "an object")]
struct WireRangeFields {
    /// Prometheus sends `{}` for label-less results; some servers leave it out or send null.
    metric: Option<Labels>,
    /// Prometheus 3 leaves `values` out of a series that only has histograms.
    #[serde_as(as = "Option<Vec<(Sample, Sample)>>")]
    #[serde(default)]
    values: Option<Vec<(f64, f64)>>,
    histograms: Option<IgnoredAny>,
}

struct WireRange(RangeSeries);

impl<'de> Deserialize<'de> for WireRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let wire = WireRangeFields::deserialize(d)?;
        if wire.histograms.is_some() && wire.values.is_none() {
            return Err(de::Error::custom(
                "native histogram series are not supported",
            ));
        }
        Ok(WireRange(RangeSeries {
            metric: wire.metric.unwrap_or_default(),
            values: wire.values.unwrap_or_default(),
        }))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", expecting = "an object")]
struct WireTargets {
    active_targets: Option<Vec<Target>>,
}

/// One active target. VictoriaMetrics has no `scrapeInterval`: its discovered labels carry it.
#[serde_as]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", expecting = "an object")]
struct WireTarget {
    scrape_pool: Option<String>,
    scrape_url: String,
    labels: Labels,
    health: String,
    last_error: Option<String>,
    last_scrape: Option<String>,
    #[serde_as(as = "Option<Sample>")]
    #[serde(default)]
    last_scrape_duration: Option<f64>,
    scrape_interval: Option<String>,
    /// Read for the interval only; any other shape is ignored.
    #[serde_as(as = "DefaultOnError")]
    #[serde(default)]
    discovered_labels: Option<WireDiscovered>,
}

#[serde_as]
#[derive(Deserialize, Default)]
struct WireDiscovered {
    #[serde_as(as = "DefaultOnError")]
    #[serde(default, rename = "__scrape_interval__")]
    scrape_interval: Option<String>,
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let t = WireTarget::deserialize(d)?;
        let vm_interval = t.discovered_labels.and_then(|d| d.scrape_interval);
        let scrape_interval =
            match t.scrape_interval.or(vm_interval) {
                None => None,
                Some(s) => Some(parse_duration(&s).ok_or_else(|| {
                    de::Error::custom(format!("scrapeInterval: bad duration {s:?}"))
                })?),
            };
        Ok(Target {
            scrape_pool: t.scrape_pool.unwrap_or_default(),
            scrape_url: t.scrape_url,
            labels: t.labels,
            health: t.health,
            last_error: t.last_error.unwrap_or_default(),
            last_scrape: t.last_scrape.unwrap_or_default(),
            last_scrape_duration: t.last_scrape_duration.unwrap_or(0.0),
            scrape_interval,
        })
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", expecting = "an object")]
struct WireBuildInfo {
    version: Option<String>,
    go_version: Option<String>,
}

//! Parsers for the `data` of Prometheus' query, label, series, targets and buildinfo endpoints.

use super::{parse_duration, BuildInfo, InstantSeries, Labels, QueryResult, RangeSeries, Target};
use crate::core::json::Value;
use crate::core::model::json::{
    array, field, labels, object, opt_str_field, parse_sample_value, sample_pair, short, str_field,
    string, string_list,
};

/// `data` of `/api/v1/query` and `/api/v1/query_range`: `{resultType, result}`.
pub fn parse_query_result(data: &Value) -> Result<QueryResult, String> {
    let obj = object(data, "data")?;
    let result = field(obj, "result")?;
    match str_field(obj, "resultType")? {
        "vector" => each(result, "result", |s| {
            let s = object(s, "sample")?;
            if s.contains_key("histogram") {
                return Err("native histogram samples are not supported".into());
            }
            Ok(InstantSeries {
                metric: metric(s.get("metric"))?,
                value: sample(field(s, "value")?)?,
            })
        })
        .map(QueryResult::Vector),
        "matrix" => each(result, "result", |s| {
            let s = object(s, "series")?;
            if s.contains_key("histograms") && !s.contains_key("values") {
                return Err("native histogram series are not supported".into());
            }
            let values = match s.get("values") {
                // Prometheus 3 leaves `values` out of a series that only has histograms.
                None | Some(Value::Null) => Vec::new(),
                Some(v) => each(v, "values", sample)?,
            };
            Ok(RangeSeries {
                metric: metric(s.get("metric"))?,
                values,
            })
        })
        .map(QueryResult::Matrix),
        "scalar" => sample(result).map(|(t, v)| QueryResult::Scalar(t, v)),
        "string" => {
            let (t, s) = sample_pair(result, "result")?;
            Ok(QueryResult::String(t, string(s, "result")?.to_owned()))
        }
        other => Err(format!("unknown resultType {other:?}")),
    }
}

/// `data` of `/api/v1/labels` and `/api/v1/label/<name>/values`.
pub fn parse_string_list(data: &Value) -> Result<Vec<String>, String> {
    string_list(data, "data")
}

/// `data` of `/api/v1/series`: one label set per series.
pub fn parse_series(data: &Value) -> Result<Vec<Labels>, String> {
    each(data, "data", |l| labels(l, "series"))
}

/// `data.activeTargets` of `/api/v1/targets` (dropped targets are not shown).
pub fn parse_targets(data: &Value) -> Result<Vec<Target>, String> {
    let obj = object(data, "data")?;
    match obj.get("activeTargets") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(active) => each(active, "activeTargets", parse_target),
    }
}

fn parse_target(v: &Value) -> Result<Target, String> {
    let t = object(v, "target")?;
    let text = |key| opt_str_field(t, key).map(|s| s.unwrap_or_default().to_owned());
    // VictoriaMetrics has no scrapeInterval field; its discovered labels carry the interval.
    let vm_interval = t
        .get("discoveredLabels")
        .and_then(|d| d.get("__scrape_interval__"))
        .and_then(Value::as_str);
    let scrape_interval = match opt_str_field(t, "scrapeInterval")?.or(vm_interval) {
        None => None,
        Some(s) => {
            Some(parse_duration(s).ok_or_else(|| format!("scrapeInterval: bad duration {s:?}"))?)
        }
    };
    let last_scrape_duration = match t.get("lastScrapeDuration") {
        None | Some(Value::Null) => 0.0,
        Some(d) => parse_sample_value(d)
            .ok_or_else(|| format!("lastScrapeDuration: not a number: {}", short(d)))?,
    };
    Ok(Target {
        scrape_pool: text("scrapePool")?,
        scrape_url: str_field(t, "scrapeUrl")?.to_owned(),
        labels: labels(field(t, "labels")?, "labels")?,
        health: str_field(t, "health")?.to_owned(),
        last_error: text("lastError")?,
        last_scrape: text("lastScrape")?,
        last_scrape_duration,
        scrape_interval,
    })
}

/// `data` of `/api/v1/status/buildinfo`.
/// VictoriaMetrics answers `data: {}` without a version: the server is reachable all the same.
pub fn parse_buildinfo(data: &Value) -> Result<BuildInfo, String> {
    let version = opt_str_field(object(data, "data")?, "version")?;
    Ok(BuildInfo {
        version: version.unwrap_or("(version not reported)").to_owned(),
    })
}

/// Parses every element of an array, naming the failing index.
fn each<T>(
    v: &Value,
    what: &str,
    f: impl Fn(&Value) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    array(v, what)?
        .iter()
        .enumerate()
        .map(|(i, x)| f(x).map_err(|e| format!("{what}[{i}]: {e}")))
        .collect()
}

/// A series' `metric`; Prometheus sends `{}` for label-less results, some servers leave it out.
fn metric(v: Option<&Value>) -> Result<Labels, String> {
    match v {
        None | Some(Value::Null) => Ok(Labels::new()),
        Some(m) => labels(m, "metric"),
    }
}

/// `[unix_seconds, "1.5"]`.
fn sample(v: &Value) -> Result<(f64, f64), String> {
    let (t, value) = sample_pair(v, "sample")?;
    let value = parse_sample_value(value)
        .ok_or_else(|| format!("sample value is not a number: {}", short(value)))?;
    Ok((t, value))
}

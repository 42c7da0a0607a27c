//! Parsers for the `data` of the gateway's `/api/v1/metrics` and `/api/v1/status`.

use super::{
    GatewayGroup, GatewaySample, GatewayStatus, MetricFamily, MetricKind, SampleValue,
    PUSH_FAILURE_TIME_FAMILY, PUSH_TIME_FAMILY,
};
use crate::core::json::{Map, Value};
use crate::core::model::json::{
    array, field, labels, object, opt_str_field, parse_float_str, str_field, value_field,
};
use crate::core::sort::sort_by;

/// `data` of `/api/v1/metrics`: one object per group, every metric name a key beside `labels` and
/// `last_push_successful`. Groups come back sorted by job, then label set, since the gateway's
/// order changes between calls; families are sorted by name.
pub fn parse_groups(data: &Value) -> Result<Vec<GatewayGroup>, String> {
    let mut groups = array(data, "data")?
        .iter()
        .enumerate()
        .map(|(i, g)| parse_group(g).map_err(|e| format!("group {i}: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    sort_by(&mut groups, |a, b| {
        (a.job(), &a.labels).cmp(&(b.job(), &b.labels))
    });
    Ok(groups)
}

fn parse_group(v: &Value) -> Result<GatewayGroup, String> {
    let obj = object(v, "group")?;
    let group_labels = labels(field(obj, "labels")?, "labels")?;
    let last_push_successful = field(obj, "last_push_successful")?
        .as_bool()
        .ok_or("last_push_successful: expected a boolean")?;
    let mut families = obj
        .iter()
        .filter(|(k, _)| *k != "labels" && *k != "last_push_successful")
        .map(|(name, f)| parse_family(name, f).map_err(|e| format!("{name}: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    sort_by(&mut families, |a, b| a.name.cmp(&b.name));
    let mut group = GatewayGroup {
        labels: group_labels,
        last_push_successful,
        push_time: None,
        push_failure_time: None,
        families,
    };
    group.push_time = push_time(&group, PUSH_TIME_FAMILY);
    group.push_failure_time = push_time(&group, PUSH_FAILURE_TIME_FAMILY);
    Ok(group)
}

/// The gateway writes 0 for "never"; NaN or a non-gauge would be just as meaningless here.
fn push_time(group: &GatewayGroup, family: &str) -> Option<f64> {
    match group.family(family)?.samples.first()?.value {
        SampleValue::Single(t) if t.is_finite() && t > 0.0 => Some(t),
        _ => None,
    }
}

fn parse_family(name: &str, v: &Value) -> Result<MetricFamily, String> {
    let obj = object(v, "family")?;
    let kind = MetricKind::from_type_str(str_field(obj, "type")?);
    let samples = array(field(obj, "metrics")?, "metrics")?
        .iter()
        .enumerate()
        .map(|(i, m)| parse_sample(m).map_err(|e| format!("metrics[{i}]: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(MetricFamily {
        name: name.to_owned(),
        kind,
        help: opt_str_field(obj, "help")?.map(str::to_owned),
        time_stamp: opt_str_field(obj, "time_stamp")?.map(str::to_owned),
        samples,
    })
}

/// The sample's shape says what it is: `value`, or `buckets` (histogram), or `quantiles` (summary).
fn parse_sample(v: &Value) -> Result<GatewaySample, String> {
    let obj = object(v, "sample")?;
    let sample_labels = match obj.get("labels") {
        None | Some(Value::Null) => Default::default(),
        Some(l) => labels(l, "labels")?,
    };
    let value = if obj.contains_key("value") {
        SampleValue::Single(value_field(obj, "value")?)
    } else if let Some(b) = obj.get("buckets") {
        let buckets = bound_map(b, "buckets")?;
        SampleValue::Histogram {
            buckets,
            count: value_field(obj, "count")?,
            sum: value_field(obj, "sum")?,
        }
    } else if let Some(q) = obj.get("quantiles") {
        let quantiles = bound_map(q, "quantiles")?;
        SampleValue::Summary {
            quantiles,
            count: value_field(obj, "count")?,
            sum: value_field(obj, "sum")?,
        }
    } else {
        return Err("expected `value`, `buckets` or `quantiles`".into());
    };
    Ok(GatewaySample {
        labels: sample_labels,
        value,
    })
}

/// `{"0.1": "1", "+Inf": "4"}` → sorted (bound, value) pairs. JSON object order is not the
/// numeric order ("+Inf" sorts first as text), so they are sorted by bound.
fn bound_map(v: &Value, what: &str) -> Result<Vec<(f64, f64)>, String> {
    let obj: &Map = object(v, what)?;
    let mut pairs = obj
        .iter()
        .map(|(k, _)| {
            let bound = parse_float_str(k).ok_or_else(|| format!("{what}: bad bound {k:?}"))?;
            let value = value_field(obj, k).map_err(|e| format!("{what}: {e}"))?;
            Ok((bound, value))
        })
        .collect::<Result<Vec<_>, String>>()?;
    sort_by(&mut pairs, |a, b| a.0.total_cmp(&b.0));
    Ok(pairs)
}

/// `data` of `/api/v1/status`.
pub fn parse_status(data: &Value) -> Result<GatewayStatus, String> {
    let obj = object(data, "data")?;
    let version = match obj.get("build_information") {
        None | Some(Value::Null) => None,
        Some(b) => opt_str_field(object(b, "build_information")?, "version")?.map(str::to_owned),
    };
    let flags = match obj.get("flags") {
        None | Some(Value::Null) => Default::default(),
        Some(f) => labels(f, "flags")?,
    };
    let start_time = opt_str_field(obj, "start_time")?.map(str::to_owned);
    Ok(GatewayStatus {
        version,
        start_time,
        flags,
    })
}

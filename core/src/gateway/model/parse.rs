//! The gateway's `/api/v1/metrics` and `/api/v1/status` answers as serde models, read into
//! [`GatewayGroup`] and [`GatewayStatus`].

use super::{
    GatewayGroup, GatewaySample, GatewayStatus, Labels, MetricFamily, MetricKind, SampleValue,
    PUSH_FAILURE_TIME_FAMILY, PUSH_TIME_FAMILY,
};
use crate::http::de::{from_data, parse_sample_value, Sample};
use crate::http::envelope::decode_answer_in_one_pass;
use crate::http::error::{ApiError, Backend};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_with::{serde_as, DefaultOnNull, DeserializeAs, Map};
use std::collections::BTreeMap;
use std::fmt;

/// `data` of `/api/v1/metrics`: one object per group. Groups come back sorted by job, then
/// label set, since the gateway's order changes between calls; families are sorted by name.
pub fn parse_groups(data: &RawValue) -> Result<Vec<GatewayGroup>, String> {
    let mut groups: Vec<GatewayGroup> = from_data(data)?;
    sort_groups(&mut groups);
    Ok(groups)
}

/// A whole `/api/v1/metrics` answer (status, Content-Type, body) as [`parse_groups`] reads
/// its `data`, in one pass when it is a success (the list is the console's largest answer).
pub fn decode_groups(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<Vec<GatewayGroup>, ApiError> {
    let backend = Backend::Pushgateway;
    let mut answer = decode_answer_in_one_pass(backend, status, content_type, body, parse_groups)?;
    sort_groups(&mut answer.data);
    Ok(answer.data)
}

/// By job, then label set. No two groups of one gateway have the same labels, so the order is
/// total and an unstable sort gives the same result as a stable one.
fn sort_groups(groups: &mut [GatewayGroup]) {
    groups.sort_unstable_by(|a, b| (a.job(), &a.labels).cmp(&(b.job(), &b.labels)));
}

/// `data` of `/api/v1/status`.
pub fn parse_status(data: &RawValue) -> Result<GatewayStatus, String> {
    let wire: WireStatus = from_data(data)?;
    Ok(GatewayStatus {
        version: wire.build_information.and_then(|b| b.version),
        start_time: wire.start_time,
        flags: wire.flags.unwrap_or_default(),
    })
}

#[derive(Deserialize)]
#[serde(expecting = "an object")]
struct WireStatus {
    build_information: Option<WireBuild>,
    start_time: Option<String>,
    flags: Option<Labels>,
}

#[derive(Deserialize)]
#[serde(expecting = "an object")]
struct WireBuild {
    version: Option<String>,
}

/// A group: every metric name is a key beside `labels` and `last_push_successful`, so the keys
/// are read by hand. (`#[serde(flatten)]` would buffer every group whole before reading it,
/// and the gateway's answer has 10,000 of them on a busy day.)
impl<'de> Deserialize<'de> for GatewayGroup {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(GroupVisitor)
    }
}

struct GroupVisitor;

impl<'de> Visitor<'de> for GroupVisitor {
    type Value = GatewayGroup;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a group object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<GatewayGroup, A::Error> {
        let (mut labels, mut last_push_successful) = (None, None);
        // By name: sorted, and a repeated name keeps its last family.
        let mut families: BTreeMap<String, WireFamily> = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "labels" => labels = Some(map.next_value()?),
                "last_push_successful" => last_push_successful = Some(map.next_value()?),
                _ => {
                    families.insert(key, map.next_value()?);
                }
            }
        }
        let mut group = GatewayGroup {
            labels: labels.ok_or_else(|| de::Error::missing_field("labels"))?,
            last_push_successful: last_push_successful
                .ok_or_else(|| de::Error::missing_field("last_push_successful"))?,
            push_time: None,
            push_failure_time: None,
            families: families
                .into_iter()
                .map(|(name, f)| f.into_family(name))
                .collect(),
        };
        group.push_time = push_time(&group, PUSH_TIME_FAMILY);
        group.push_failure_time = push_time(&group, PUSH_FAILURE_TIME_FAMILY);
        Ok(group)
    }
}

/// The gateway writes 0 for "never"; NaN or a non-gauge would be just as meaningless here.
fn push_time(group: &GatewayGroup, family: &str) -> Option<f64> {
    match group.family(family)?.samples.first()?.value {
        SampleValue::Single(t) if t.is_finite() && t > 0.0 => Some(t),
        _ => None,
    }
}

/// A family under its name: `help` may be absent.
#[derive(Deserialize)]
#[serde(expecting = "an object")]
struct WireFamily {
    #[serde(rename = "type")]
    kind: String,
    help: Option<String>,
    time_stamp: Option<String>,
    metrics: Vec<GatewaySample>,
}

impl WireFamily {
    fn into_family(self, name: String) -> MetricFamily {
        MetricFamily {
            name,
            kind: MetricKind::from_type_str(&self.kind),
            help: self.help,
            time_stamp: self.time_stamp,
            samples: self.metrics,
        }
    }
}

/// A sample: its shape says what it is, `value`, or `buckets` (histogram), or `quantiles`
/// (summary). The gateway sends every number as a string.
#[serde_as]
#[derive(Deserialize)]
#[serde(expecting = "an object")]
struct WireSample {
    #[serde_as(as = "DefaultOnNull<Map<_, _>>")]
    #[serde(default)]
    labels: Vec<(String, String)>,
    /// `Some` when the key is there, so that `"value": null` is an error and not "no value".
    #[serde(default, deserialize_with = "present_sample")]
    value: Option<f64>,
    #[serde_as(as = "Option<BTreeMap<_, Sample>>")]
    #[serde(default)]
    buckets: Option<BTreeMap<String, f64>>,
    #[serde_as(as = "Option<BTreeMap<_, Sample>>")]
    #[serde(default)]
    quantiles: Option<BTreeMap<String, f64>>,
    #[serde_as(as = "Option<Sample>")]
    #[serde(default)]
    count: Option<f64>,
    #[serde_as(as = "Option<Sample>")]
    #[serde(default)]
    sum: Option<f64>,
}

fn present_sample<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Sample::deserialize_as(d).map(Some)
}

impl<'de> Deserialize<'de> for GatewaySample {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = WireSample::deserialize(deserializer)?;
        let count_sum = || -> Result<(f64, f64), D::Error> {
            let count = wire
                .count
                .ok_or_else(|| de::Error::missing_field("count"))?;
            let sum = wire.sum.ok_or_else(|| de::Error::missing_field("sum"))?;
            Ok((count, sum))
        };
        let value = if let Some(v) = wire.value {
            SampleValue::Single(v)
        } else if let Some(b) = &wire.buckets {
            let (count, sum) = count_sum()?;
            SampleValue::Histogram {
                buckets: bounds(b, "buckets")?,
                count,
                sum,
            }
        } else if let Some(q) = &wire.quantiles {
            let (count, sum) = count_sum()?;
            SampleValue::Summary {
                quantiles: bounds(q, "quantiles")?,
                count,
                sum,
            }
        } else {
            return Err(de::Error::custom(
                "expected `value`, `buckets` or `quantiles`",
            ));
        };
        Ok(GatewaySample {
            labels: wire.labels,
            value,
        })
    }
}

/// `{"0.1": "1", "+Inf": "4"}` → (bound, value) pairs sorted by bound: JSON object order is not
/// the numeric order ("+Inf" sorts first as text).
fn bounds<E: de::Error>(map: &BTreeMap<String, f64>, what: &str) -> Result<Vec<(f64, f64)>, E> {
    let mut pairs = map
        .iter()
        .map(|(k, &v)| {
            let bound = parse_sample_value(k)
                .ok_or_else(|| E::custom(format!("{what}: bad bound {k:?}")))?;
            Ok((bound, v))
        })
        .collect::<Result<Vec<_>, E>>()?;
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(pairs)
}

//! JSON text in: the reader for the APIs' answers and the saved settings, into a [`Value`]
//! tree that the parsers walk field by field (core::model::json).
//!
//! serde_json's `Value` reader came with its own float tables and a `BTreeMap` per object,
//! ≈5 KB of the wasm's gzip (bench/NOTES.md §1). This one reads numbers with
//! core::float_parse and keeps an object's members in a sorted `Vec`. It reads what serde_json
//! reads, to the same values, and refuses what it refuses (tested against it), nesting up to
//! 127 levels deep.

mod read;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use read::{parse, ParseError};
use serde::ser::{Serialize, Serializer};

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// Every number as the nearest f64, as the console uses them.
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// An object's members sorted by key, each key once: where a key repeats, the last one
/// given wins, as in serde_json.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    pub fn from_members(mut members: Vec<(String, Value)>) -> Map {
        // Go's encoders (Prometheus, the Pushgateway) write keys sorted already.
        if !members.windows(2).all(|w| w[0].0 < w[1].0) {
            crate::core::sort::sort_by(&mut members, |a, b| a.0.cmp(&b.0));
            let mut distinct: Vec<(String, Value)> = Vec::with_capacity(members.len());
            for member in members {
                match distinct.last_mut() {
                    Some(last) if last.0 == member.0 => *last = member,
                    _ => distinct.push(member),
                }
            }
            members = distinct;
        }
        Map(members)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        let at = self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()?;
        Some(&self.0[at].1)
    }

    /// Takes a member out.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.0.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()?;
        Some(self.0.remove(at).1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The members in key order.
    pub fn iter(&self) -> MapIter<'_> {
        self.into_iter()
    }
}

type MapIter<'a> = std::iter::Map<
    std::slice::Iter<'a, (String, Value)>,
    fn(&'a (String, Value)) -> (&'a String, &'a Value),
>;

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = MapIter<'a>;
    fn into_iter(self) -> MapIter<'a> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Value {
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// An object's member; `None` for a missing key or a value that is not an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }
}

/// `value["key"]`: the member, or null where there is none, as in serde_json.
impl std::ops::Index<&str> for Value {
    type Output = Value;
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&Value::Null)
    }
}

/// Compact JSON text (core::json_write).
impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::core::json_write::to_json(self).unwrap_or_default())
    }
}

/// 2^53: below it every whole f64 is an exact integer.
const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;

/// Written through serde (core::json_write), for error excerpts of what an answer held.
impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            // Whole numbers as integers, as they were most likely sent ("error": 42 reads back
            // as "42", not "42.0"); from 2^53 on an f64 is no longer an exact count. -0 keeps
            // its sign as a float.
            Value::Number(n)
                if n.fract() == 0.0
                    && n.abs() < EXACT_INTEGERS
                    && (*n != 0.0 || n.is_sign_positive()) =>
            {
                serializer.serialize_i64(*n as i64)
            }
            Value::Number(n) => serializer.serialize_f64(*n),
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => serializer.collect_seq(items),
            Value::Object(map) => serializer.collect_map(map),
        }
    }
}

/// serde_json's tree as this one: the tests build inputs with its `json!` and compare readers.
#[cfg(test)]
impl From<serde_json::Value> for Value {
    fn from(value: serde_json::Value) -> Value {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(items) => {
                Value::Array(items.into_iter().map(Value::from).collect())
            }
            serde_json::Value::Object(map) => Value::Object(Map::from_members(
                map.into_iter().map(|(k, v)| (k, Value::from(v))).collect(),
            )),
        }
    }
}

/// `serde_json::json!`, as this crate's [`Value`]: for tests' inputs.
#[cfg(test)]
macro_rules! json {
    ($($tokens:tt)+) => {
        $crate::core::json::Value::from(serde_json::json!($($tokens)+))
    };
}
#[cfg(test)]
pub(crate) use json;

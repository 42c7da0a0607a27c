//! A Pushgateway grouping key (job plus other labels) and the URL path that addresses its group.
//! Every value is base64-encoded in the path: plain segments would split `u/admin/x` at slashes.

#[cfg(test)]
mod tests;

use crate::gateway::model::Labels;
use crate::prometheus::promql::{format_label_set, is_label_name};
use base64::engine::general_purpose::URL_SAFE;
use base64::Engine as _;
use std::fmt;

/// A valid grouping key: a non-empty job and label names the gateway accepts.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupKey {
    job: String,
    /// The other labels, sorted by name (the map they come from is ordered); empty values kept,
    /// since `{job="x", instance=""}` and `{job="x"}` are different groups on the gateway.
    others: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupKeyError {
    MissingJob,
    /// The gateway answers 400 "job name is required".
    EmptyJob,
    /// Not `[a-zA-Z_][a-zA-Z0-9_]*`; the gateway answers 400 "improper label name".
    InvalidLabelName(String),
    /// Names starting with `__` are reserved; the gateway rejects them like invalid names.
    ReservedLabelName(String),
}

impl fmt::Display for GroupKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupKeyError::MissingJob => write!(f, "the grouping key has no job label"),
            GroupKeyError::EmptyJob => write!(f, "the job label is empty"),
            GroupKeyError::InvalidLabelName(n) => write!(f, "invalid label name {n:?}"),
            GroupKeyError::ReservedLabelName(n) => {
                write!(f, "label name {n:?} is reserved (starts with __)")
            }
        }
    }
}

impl std::error::Error for GroupKeyError {}

impl GroupKey {
    pub fn from_labels(labels: &Labels) -> Result<GroupKey, GroupKeyError> {
        let job = labels.get("job").ok_or(GroupKeyError::MissingJob)?;
        if job.is_empty() {
            return Err(GroupKeyError::EmptyJob);
        }
        let mut others = Vec::with_capacity(labels.len() - 1);
        for (name, value) in labels.iter().filter(|(k, _)| *k != "job") {
            if !is_label_name(name) {
                return Err(GroupKeyError::InvalidLabelName(name.clone()));
            }
            if name.starts_with("__") {
                return Err(GroupKeyError::ReservedLabelName(name.clone()));
            }
            others.push((name.clone(), value.clone()));
        }
        Ok(GroupKey {
            job: job.clone(),
            others,
        })
    }

    pub fn job(&self) -> &str {
        &self.job
    }

    /// All labels, job included.
    pub fn labels(&self) -> Labels {
        let mut labels: Labels = self.others.iter().cloned().collect();
        labels.insert("job".to_owned(), self.job.clone());
        labels
    }

    /// `/metrics/job@base64/<b64>/<name>@base64/<b64>…`, job first and the rest sorted by name,
    /// relative to the gateway's base URL. Used for PUT, POST and DELETE alike.
    pub fn path(&self) -> String {
        let mut path = format!("/metrics/job@base64/{}", encode_value(&self.job));
        for (name, value) in &self.others {
            path.push('/');
            path.push_str(name);
            path.push_str("@base64/");
            path.push_str(&encode_value(value));
        }
        path
    }

    /// `{job="u/admin/x", instance=""}`, escaped as in PromQL.
    pub fn display(&self) -> String {
        format_label_set(&self.labels())
    }
}

impl fmt::Display for GroupKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

/// How a group's labels read in the console: its grouping key as in PromQL, or, for labels that
/// are no valid key, the labels and why.
pub fn key_text(labels: &Labels) -> String {
    GroupKey::from_labels(labels)
        .map(|k| k.display())
        .unwrap_or_else(|e| format!("{labels:?} ({e})"))
}

/// URL-safe base64 (its `-`, `_` and `=` need no percent-encoding in a path). An empty value
/// would leave an empty segment, so it is written `=`, which the gateway decodes to "" (as the
/// Python client does).
fn encode_value(value: &str) -> String {
    if value.is_empty() {
        "=".to_owned()
    } else {
        URL_SAFE.encode(value)
    }
}

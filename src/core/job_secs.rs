//! Seconds per job (the per-job stale thresholds), sorted by job. A user sets a few of them,
//! so a sorted `Vec`: a `BTreeMap<String, f64>` compiled a second copy of the tree code that
//! the label maps already link (≈1 KB of the wasm's gzip, bench/NOTES.md §1).

use serde::ser::{Serialize, Serializer};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct JobSecs(Vec<(String, f64)>);

impl JobSecs {
    pub fn new() -> JobSecs {
        JobSecs::default()
    }

    fn find(&self, job: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(j, _)| j.as_str().cmp(job))
    }

    pub fn get(&self, job: &str) -> Option<f64> {
        self.find(job).ok().map(|at| self.0[at].1)
    }

    /// Sets `job`'s seconds, replacing what it had.
    pub fn insert(&mut self, job: String, secs: f64) {
        match self.find(&job) {
            Ok(at) => self.0[at].1 = secs,
            Err(at) => self.0.insert(at, (job, secs)),
        }
    }

    pub fn remove(&mut self, job: &str) {
        if let Ok(at) = self.find(job) {
            self.0.remove(at);
        }
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&str, f64) -> bool) {
        self.0.retain(|(job, secs)| keep(job, *secs));
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The jobs and their seconds, by job.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f64)> {
        self.0.iter().map(|(job, secs)| (job.as_str(), *secs))
    }
}

/// Later pairs win, as when collecting into a map.
impl FromIterator<(String, f64)> for JobSecs {
    fn from_iter<I: IntoIterator<Item = (String, f64)>>(pairs: I) -> JobSecs {
        let mut all = JobSecs::new();
        for (job, secs) in pairs {
            all.insert(job, secs);
        }
        all
    }
}

impl<const N: usize> From<[(String, f64); N]> for JobSecs {
    fn from(pairs: [(String, f64); N]) -> JobSecs {
        pairs.into_iter().collect()
    }
}

/// A JSON object `{"job": seconds}`, as it is saved.
impl Serialize for JobSecs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_as_a_map_sorted_by_job() {
        let mut secs: JobSecs = [
            ("b/é".to_string(), 1.0),
            ("a".to_string(), 2.0),
            ("b/é".to_string(), 3.0),
        ]
        .into_iter()
        .collect();
        assert_eq!(secs.iter().collect::<Vec<_>>(), [("a", 2.0), ("b/é", 3.0)]);
        secs.insert("".into(), 4.0);
        secs.insert("a".into(), 5.0);
        assert_eq!(
            (secs.get("a"), secs.get(""), secs.get("c")),
            (Some(5.0), Some(4.0), None)
        );
        secs.remove("a");
        secs.remove("missing");
        secs.retain(|job, _| !job.is_empty());
        assert_eq!(secs.iter().collect::<Vec<_>>(), [("b/é", 3.0)]);
        assert_eq!(
            crate::core::json_write::to_json(&secs).unwrap(),
            r#"{"b/é":3.0}"#
        );
        secs.remove("b/é");
        assert!(secs.is_empty());
        assert_eq!(secs.len(), 0);
    }
}

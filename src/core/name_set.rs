//! A set of names that the user toggles: the chart series hidden from a chart, the group rows
//! opened to their details. A sorted `Vec`: these sets hold a few names, and a `HashSet<String>`
//! compiles its own hashing and table code into the wasm (≈1 KB of gzip, bench/NOTES.md §1).

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NameSet(Vec<String>);

impl NameSet {
    pub fn new() -> NameSet {
        NameSet::default()
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|n| n.as_str().cmp(name))
    }

    pub fn contains(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Adds `name` if it is missing, removes it if it is there.
    pub fn toggle(&mut self, name: &str) {
        match self.find(name) {
            Ok(at) => {
                self.0.remove(at);
            }
            Err(at) => self.0.insert(at, name.to_string()),
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_adds_then_removes() {
        let mut set = NameSet::new();
        for name in ["b", "a", "é/%\"", "", "b"] {
            set.toggle(name);
        }
        assert_eq!(set.len(), 3);
        assert!(set.contains("a") && set.contains("é/%\"") && set.contains(""));
        assert!(!set.contains("b"));
        set.toggle("a");
        set.toggle("");
        set.toggle("é/%\"");
        assert!(set.is_empty());
        assert_eq!(set, NameSet::new());
    }

    #[test]
    fn many_names_stay_findable() {
        let mut set = NameSet::new();
        let names: Vec<String> = (0..300)
            .map(|i| format!("series {}", (i * 7919) % 300))
            .collect();
        names.iter().for_each(|n| set.toggle(n));
        assert_eq!(set.len(), 300);
        assert!(names.iter().all(|n| set.contains(n)));
        assert!(!set.contains("series 300"));
    }
}

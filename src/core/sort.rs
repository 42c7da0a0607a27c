//! One stable sort for every list the console orders. The standard sort is compiled once per
//! element type and comparator, ≈3 KB of wasm each (bench/NOTES.md §1); here the sort itself is
//! compiled once, over indices with a `dyn` comparator, and the list is then permuted in place.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Sorts `items` stably by `compare`: the same order as `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut order, &|a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// The distinct items, sorted.
pub fn sorted_distinct<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    sort_by(&mut items, T::cmp);
    items.dedup();
    items
}

/// Collects pairs into a map by inserting them one by one (a later key wins, as with
/// `collect`): `BTreeMap`'s own `collect` sorts first, with a sort compiled per iterator type.
pub fn collect_map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

/// Sorts indices (or any `usize`s) ascending.
pub fn sort_usizes(values: &mut [usize]) {
    sort_indices(values, &|a, b| a.cmp(&b));
}

/// The one instantiation of the standard (stable) sort.
#[inline(never)]
fn sort_indices(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Reorders `items` so that position `k` holds what was at `order[k]`, following each cycle of
/// the permutation with swaps (no `Clone`, no second buffer of `T`).
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let source = order[at];
            // Marks `at` as placed, so the outer loop skips the rest of this cycle.
            order[at] = at;
            if source == start {
                break;
            }
            items.swap(at, source);
            at = source;
        }
    }
}

// (native only: proptest does not build for wasm32)
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_order_as_the_standard_stable_sort(keys in proptest::collection::vec(0u8..6, 0..60)) {
            // (key, position): equal keys must keep their positions' order.
            let mut ours: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut standard = ours.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            standard.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, standard);
        }

        #[test]
        fn usizes_ascending(mut values in proptest::collection::vec(0usize..1000, 0..60)) {
            let mut expected = values.clone();
            expected.sort_unstable();
            sort_usizes(&mut values);
            prop_assert_eq!(values, expected);
        }
    }

    #[test]
    fn distinct_and_maps_match_the_standard_collections() {
        assert_eq!(
            sorted_distinct(vec!["b", "a", "b", "c", "a"]),
            ["a", "b", "c"]
        );
        let pairs = [("b", 1), ("a", 2), ("b", 3)];
        assert_eq!(
            collect_map(pairs),
            pairs.into_iter().collect::<BTreeMap<_, _>>()
        );
    }

    #[test]
    fn reversed_and_descending_comparators() {
        let mut words = vec!["b".to_string(), "c".into(), "a".into()];
        sort_by(&mut words, |a, b| b.cmp(a));
        assert_eq!(words, ["c", "b", "a"]);
        let mut empty: Vec<String> = Vec::new();
        sort_by(&mut empty, |a, b| a.cmp(b));
        assert!(empty.is_empty());
    }
}

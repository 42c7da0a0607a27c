//! A keyed list whose rows follow their items: `<For>` keyed by each item's identity keeps the
//! row while the item changes, and the row reads the item from the list (the Leptos book's
//! "memoized slices"), so a refresh updates rows in place.
//!
//! Why not key `<For>` by what a row shows, rebuilding it whenever that changes: in Leptos 0.8
//! every disposed row leaves a little behind for as long as the list lives (its owner stays
//! listed, as a dead weak reference, among the children of the list's owner; so does each of
//! its effects among the subscribers of a signal that has not changed since). A table on auto-
//! refresh rebuilds rows every few seconds, and a wall screen keeps it open for days
//! (bench/NOTES.md §7; tests/web_row_memory.rs).

use leptos::prelude::*;

/// The item under `key` in `list`, as it changes. A row about to leave the list keeps its
/// last item; `first` is the item the row was made for.
pub fn row_of<K, T>(list: Memo<Vec<(K, T)>>, key: K, first: T) -> Memo<T>
where
    K: PartialEq + Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |previous: Option<&T>| {
        list.with(|items| {
            items
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, item)| item.clone())
        })
        .or_else(|| previous.cloned())
        .unwrap_or_else(|| first.clone())
    })
}

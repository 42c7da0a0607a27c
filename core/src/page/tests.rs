//! Unit tests of `crate::page`.

use super::*;

#[test]
fn every_path_is_its_segment_after_a_slash_and_paths_differ() {
    for page in Page::ALL.into_iter().chain([Page::Job]) {
        assert_eq!(page.path(), format!("/{}", page.segment()));
    }
    let mut paths: Vec<_> = Page::ALL.iter().map(|p| p.path()).collect();
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), Page::ALL.len());
}

#[test]
fn a_link_carries_its_query_after_a_question_mark() {
    assert_eq!(Page::Charts.href(""), "/charts");
    assert_eq!(
        Page::Explore.href("expr=up&range=1h"),
        "/explore?expr=up&range=1h"
    );
}

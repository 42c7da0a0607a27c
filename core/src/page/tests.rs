//! Unit tests of `crate::page`.

use super::*;

#[test]
fn every_path_is_its_segment_after_a_slash_and_paths_differ() {
    for page in Page::EVERY {
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

#[test]
fn the_first_load_holds_groups_and_charts_and_home() {
    let first: Vec<_> = Page::EVERY
        .into_iter()
        .filter(|p| p.document() == Document::FirstLoad)
        .collect();
    assert_eq!(first, [Page::Groups, Page::Charts]);
    assert_eq!(Page::HOME.document(), Document::FirstLoad);
    assert_eq!(Document::FirstLoad.file(), "index.html");
    assert_eq!(Document::AllViews.file(), "all-views.html");
}

#[test]
fn every_holds_the_navigation_and_the_job_page_once() {
    assert!(Page::ALL.iter().all(|p| Page::EVERY.contains(p)));
    assert!(Page::EVERY.contains(&Page::Job));
    let mut every = Page::EVERY.to_vec();
    every.dedup();
    assert_eq!(every.len(), Page::ALL.len() + 1);
}

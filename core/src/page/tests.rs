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

/// nginx routes the paths of the pages index.html lacks to all-views.html: its one location for
/// them must name exactly those pages (a page moved between documents without nginx knowing
/// would load the document that lacks it).
#[test]
fn the_nginx_template_routes_exactly_the_all_views_pages_to_all_views_html() {
    let template = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../deploy/nginx/gatewatch.conf.template"
    ))
    .unwrap();
    let segments: Vec<_> = Page::EVERY
        .into_iter()
        .filter(|p| p.document() == Document::AllViews)
        .map(Page::segment)
        .collect();
    let location = format!("location ~ \"^/({})$\" {{", segments.join("|"));
    let at = template
        .find(&location)
        .unwrap_or_else(|| panic!("no `{location}` in the nginx template"));
    let block = &template[at..template[at..].find('}').map(|end| at + end).unwrap()];
    assert!(
        block.contains(&format!("rewrite ^ /{} last;", Document::AllViews.file())),
        "{block}"
    );
}

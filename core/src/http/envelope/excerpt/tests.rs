//! Unit tests of `crate::http::envelope::excerpt`.

use super::*;

const NGINX_502: &str = include_str!("../../../../../tests/fixtures/nginx/bad_gateway_502.html");
const NGINX_504: &str =
    include_str!("../../../../../tests/fixtures/nginx/gateway_timeout_504.html");

#[test]
fn nginx_pages_become_one_line() {
    assert_eq!(body_excerpt(NGINX_502), "502 Bad Gateway nginx/1.22.1");
    assert_eq!(body_excerpt(NGINX_504), "504 Gateway Time-out nginx/1.22.1");
}

#[test]
fn plain_text_keeps_angle_brackets() {
    let gw = include_str!("../../../../../tests/fixtures/gateway/push_conflict_400.txt");
    let ex = body_excerpt(gw);
    assert!(ex.starts_with("pushed metrics are invalid"), "{ex}");
    assert!(ex.contains("label:<name:\"instance\""), "{ex}");
    assert!(ex.chars().count() <= EXCERPT_CHARS);
    assert!(ex.ends_with('…'));
}

#[test]
fn comments_scripts_entities_and_broken_markup() {
    let html = "<!DOCTYPE html><!-- x --><html><HEAD><Title>t</Title></HEAD>\
                <body><script>var a = 1 < 2;</script><p>a &amp; b&nbsp;&lt;c&gt;</p>";
    assert_eq!(body_excerpt(html), "a & b <c>");
    assert_eq!(body_excerpt("<p>unterminated <b"), "unterminated");
    assert_eq!(body_excerpt("<head><title>never closed"), "");
    assert_eq!(body_excerpt("<"), "");
    assert_eq!(body_excerpt(""), "");
}

#[test]
fn long_and_multibyte_bodies_are_cut_on_char_boundaries() {
    let ex = body_excerpt(&"é ".repeat(100_000));
    assert_eq!(ex.chars().count(), EXCERPT_CHARS);
    assert!(ex.ends_with("é…"));
    let ex = body_excerpt(&format!("<p>{}</p>", "ü".repeat(40_000)));
    assert_eq!(ex.chars().count(), EXCERPT_CHARS);
}

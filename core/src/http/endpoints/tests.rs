//! Unit tests of `crate::http::endpoints`.

use super::*;

#[test]
fn components_are_percent_encoded() {
    assert_eq!(encode_component("a-b_c.d~"), "a-b_c.d~");
    assert_eq!(
        encode_component(r#"up{job="a b"}+1&x=é"#),
        "up%7Bjob%3D%22a%20b%22%7D%2B1%26x%3D%C3%A9"
    );
    assert_eq!(encode_component(""), "");
}

#[test]
fn forms_and_paths() {
    assert_eq!(
        range_query_form("up", 1.5, 100.0, 15.0),
        "query=up&start=1.5&end=100&step=15"
    );
    assert_eq!(instant_query_form("1+1", None), "query=1%2B1");
    assert_eq!(instant_query_form("up", Some(10.25)), "query=up&time=10.25");
    assert_eq!(
        label_values("__name__", &[r#"{job="x"}"#]),
        "/api/v1/label/__name__/values?match%5B%5D=%7Bjob%3D%22x%22%7D"
    );
    assert_eq!(label_values("job", &[]), "/api/v1/label/job/values");
    assert_eq!(
        series_form(&["up"], Some(1.0), None),
        "match%5B%5D=up&start=1"
    );
    assert_eq!(
        join("/prometheus", PROMETHEUS_QUERY),
        "/prometheus/api/v1/query"
    );
    assert_eq!(join("", GATEWAY_METRICS), "/api/v1/metrics");
}

#[test]
fn graph_links_carry_the_expression() {
    assert_eq!(
        prometheus_graph_link("http://localhost:9090/", "up{a=\"b\"}", "1h", None, 5.0),
        "http://localhost:9090/graph?g0.expr=up%7Ba%3D%22b%22%7D&g0.tab=0&g0.range_input=1h&g0.step_input=5"
    );
    let fixed = prometheus_graph_link("http://p", "x", "30m", Some(1_700_000_000.0), 1.0);
    assert!(
        fixed.ends_with("&g0.end_input=2023-11-14%2022%3A13%3A20"),
        "{fixed}"
    );
}

#[test]
fn seconds_are_compact() {
    assert_eq!(format_seconds(1_700_000_000.0), "1700000000");
    assert_eq!(format_seconds(0.5), "0.5");
    assert_eq!(format_seconds(0.0), "0");
}

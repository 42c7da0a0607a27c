//! Unit tests of `crate::settings`.

use super::*;

#[test]
fn base_urls_are_normalized() {
    assert_eq!(normalize_base_url(" /prometheus/ ").unwrap(), "/prometheus");
    assert_eq!(
        normalize_base_url("http://h:9090/").unwrap(),
        "http://h:9090"
    );
    assert_eq!(normalize_base_url("https://h/x").unwrap(), "https://h/x");
    assert_eq!(normalize_base_url("/").unwrap(), "");
}

#[test]
fn bad_base_urls_are_refused_with_a_reason() {
    for bad in [
        "",
        "  ",
        "prometheus",
        "ftp://h",
        "http://",
        "/a b",
        "/p?x=1",
        "/p#x",
    ] {
        let err = normalize_base_url(bad).unwrap_err();
        assert!(!err.is_empty(), "{bad:?}");
    }
}

#[test]
fn several_gateways() {
    let parsed = parse_gateway_list("\n /pushgateway-2/ \nhttp://gw:9091\n").unwrap();
    assert_eq!(parsed, vec!["/pushgateway-2", "http://gw:9091"]);
    assert!(parse_gateway_list("/ok\nnot a url")
        .unwrap_err()
        .contains("not a url"));
    let s = Settings {
        more_pushgateways: vec!["/b".into(), "/pushgateway".into()],
        ..Settings::default()
    };
    assert_eq!(s.gateways(), vec!["/pushgateway", "/b"]);
    let bad = Settings::from_json(r#"{"more_pushgateways":["/ok","bad url"]}"#);
    assert_eq!(bad.more_pushgateways, vec!["/ok"]);
}

#[test]
fn minutes_parse_into_seconds() {
    assert_eq!(parse_minutes(" 10 ").unwrap(), 600.0);
    assert_eq!(parse_minutes("1.5").unwrap(), 90.0);
    assert!(parse_minutes("0").is_err());
    assert!(parse_minutes("ten").unwrap_err().contains("ten"));
    assert!(parse_minutes("NaN").is_err());
}

//! Unit tests of `crate::fleet::scrape_targets`.

use super::*;

fn target(pool: &str, instance: &str, health: &str) -> Target {
    Target {
        scrape_pool: pool.into(),
        scrape_url: format!("http://{instance}/metrics"),
        labels: [("instance".to_string(), instance.to_string())].into(),
        health: health.into(),
        last_error: String::new(),
        last_scrape: String::new(),
        last_scrape_duration: 0.0,
        scrape_interval: None,
    }
}

#[test]
fn pools_are_grouped_and_sorted() {
    let targets = vec![
        target("windmill_worker", "w2:8001", "up"),
        target("prometheus", "p:9090", "up"),
        target("windmill_worker", "w1:8001", "up"),
    ];
    let pools = by_pool(&targets);
    assert_eq!(
        pools.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        vec!["prometheus", "windmill_worker"]
    );
    assert_eq!(pools[1].1[0].labels["instance"], "w1:8001");
    // Interleaved pools come out whole; equal instances keep their order.
    let mut twice = target("windmill_worker", "w1:8001", "down");
    twice.scrape_url = "second".into();
    let mixed = [
        targets.clone(),
        vec![twice, target("prometheus", "a:1", "up")],
    ]
    .concat();
    let pools = by_pool(&mixed);
    assert_eq!(pools.len(), 2);
    assert_eq!(
        pools[1]
            .1
            .iter()
            .map(|t| t.scrape_url.as_str())
            .collect::<Vec<_>>(),
        ["http://w1:8001/metrics", "second", "http://w2:8001/metrics"]
    );
    assert_eq!(pools[0].1.len(), 2);
}

#[test]
fn banners_only_for_windmill_and_the_gateway() {
    let targets = vec![
        target("windmill_worker", "w1", "down"),
        target("windmill_worker", "w2", "up"),
        target("prometheus_gateway", "g", "down"),
        target("node", "n", "down"),
    ];
    assert_eq!(
        down_alerts(&targets),
        vec![
            "prometheus_gateway: 1 of 1 targets down",
            "windmill_worker: 1 of 2 targets down"
        ]
    );
    assert!(down_alerts(&[target("windmill_server", "s", "up")]).is_empty());
}

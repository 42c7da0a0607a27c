//! Scrape targets for the Targets view: grouped by scrape pool, and the targets whose being
//! down deserves a banner (Windmill's servers and workers, and the Pushgateway).

use super::model::prometheus::Target;

/// Targets grouped by scrape pool (pools sorted by name, targets by instance).
pub fn by_pool(targets: &[Target]) -> Vec<(String, Vec<Target>)> {
    // One stable sort by (pool, instance), then runs: no map type of its own (bench/NOTES.md §1).
    let mut sorted = targets.to_vec();
    sorted.sort_by(|a, b| {
        (&a.scrape_pool, a.labels.get("instance")).cmp(&(&b.scrape_pool, b.labels.get("instance")))
    });
    let mut pools: Vec<(String, Vec<Target>)> = Vec::new();
    for t in sorted {
        match pools.last_mut() {
            Some((pool, list)) if *pool == t.scrape_pool => list.push(t),
            _ => pools.push((t.scrape_pool.clone(), vec![t])),
        }
    }
    pools
}

/// Whether a pool is one the console exists for: Windmill or the gateway.
pub fn is_watched_pool(pool: &str) -> bool {
    pool.starts_with("windmill") || pool.contains("gateway")
}

/// One sentence per watched pool with targets down, e.g. "windmill_worker: 2 of 3 targets down".
pub fn down_alerts(targets: &[Target]) -> Vec<String> {
    by_pool(targets)
        .into_iter()
        .filter(|(pool, _)| is_watched_pool(pool))
        .filter_map(|(pool, list)| {
            let down = list.iter().filter(|t| t.health == "down").count();
            (down > 0).then(|| format!("{pool}: {down} of {} targets down", list.len()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
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
}

//! Scrape targets for the Targets view: grouped by scrape pool, and the targets whose being
//! down deserves a banner (Windmill's servers and workers, and the Pushgateway).

#[cfg(test)]
mod tests;

use crate::prometheus::model::Target;

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

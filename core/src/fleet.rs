//! The fleet around the gateway: Prometheus' scrape targets and the Windmill overview's panels.

pub mod scrape_targets;
pub mod windmill_panels;

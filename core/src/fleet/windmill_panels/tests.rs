//! Unit tests of `crate::fleet::windmill_panels`.

use super::*;

#[test]
fn panels_match_the_grafana_dashboard() {
    let dashboard = include_str!("../../../../deploy/grafana/dashboards/windmill_monitoring.json");
    let json: serde_json::Value = serde_json::from_str(dashboard).unwrap();
    let exprs: Vec<String> = json["panels"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["targets"].as_array().cloned().unwrap_or_default())
        .filter_map(|t| t["expr"].as_str().map(str::to_string))
        .collect();
    for panel in PANELS.iter() {
        assert!(
            exprs.iter().any(|e| e == panel.expr),
            "not in the dashboard: {}",
            panel.expr
        );
    }
}

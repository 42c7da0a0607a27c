//! What the commands print: tables for people (comfy-table), JSON for scripts (`--json`).

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use gatewatch_core::gateway::cleanup::{report, Outcome, Recheck};
use gatewatch_core::gateway::group_table::GroupRow;
use gatewatch_core::gateway::model::Labels;
use gatewatch_core::text::display_value;
use gatewatch_core::time::format::{format_age, format_duration};
use serde::Serialize;
use serde_json::json;

/// Other labels than `job`, as `k=v` words (an empty value shows as "(empty)").
fn other_labels(labels: &Labels) -> String {
    labels
        .iter()
        .filter(|(k, _)| *k != "job")
        .map(|(k, v)| format!("{k}={}", display_value(v)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn age(at: Option<f64>, now: f64) -> String {
    at.filter(|t| *t > 0.0)
        .map_or("never".into(), |t| format_age(t, now))
}

fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    table
}

/// The groups table, with a Gateway column when several gateways were read.
pub fn groups_table(rows: &[GroupRow], now: f64, several: bool) -> String {
    let mut header = vec![
        "Job",
        "Other labels",
        "Status",
        "Last push",
        "Stale after",
        "Last failure",
    ];
    if several {
        header.push("Gateway");
    }
    let mut t = table(&header);
    for row in rows {
        let g = &row.group;
        let mut cells = vec![
            display_value(g.job()),
            other_labels(&g.labels),
            row.freshness.label().to_string(),
            age(g.push_time, now),
            format_duration(row.stale_after),
            age(g.push_failure_time, now),
        ];
        if several {
            cells.push(row.gateway.clone());
        }
        t.add_row(cells);
    }
    t.to_string()
}

#[derive(Serialize)]
struct GroupJson<'a> {
    gateway: &'a str,
    job: &'a str,
    labels: &'a Labels,
    status: &'static str,
    last_push: Option<f64>,
    last_failure: Option<f64>,
    stale_after_secs: f64,
}

pub fn groups_json(rows: &[GroupRow]) -> serde_json::Value {
    let groups: Vec<_> = rows
        .iter()
        .map(|row| GroupJson {
            gateway: &row.gateway,
            job: row.group.job(),
            labels: &row.group.labels,
            status: row.freshness.slug(),
            last_push: row.group.push_time.filter(|t| *t > 0.0),
            last_failure: row.group.push_failure_time.filter(|t| *t > 0.0),
            stale_after_secs: row.stale_after,
        })
        .collect();
    json!(groups)
}

/// One word per outcome, for JSON and the table's Outcome column.
pub fn outcome_kind(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Deleted => "deleted",
        Outcome::Kept(Recheck::AlreadyGone) => "already_gone",
        Outcome::Kept(_) => "kept",
        Outcome::StillThere => "still_there",
        Outcome::Failed(_) => "failed",
    }
}

/// The outcome of every group, then the counts.
pub fn outcomes_table(outcomes: &[(String, Labels, Outcome)]) -> String {
    let mut t = table(&["Job", "Other labels", "Gateway", "Outcome"]);
    for (gateway, labels, outcome) in outcomes {
        let job = labels.get("job").map_or("", String::as_str);
        t.add_row(vec![
            display_value(job),
            other_labels(labels),
            gateway.clone(),
            outcome.describe(),
        ]);
    }
    format!("{t}\n{}", summary(outcomes))
}

pub fn summary(outcomes: &[(String, Labels, Outcome)]) -> String {
    let pairs: Vec<_> = outcomes
        .iter()
        .map(|(_, l, o)| (l.clone(), o.clone()))
        .collect();
    let r = report(&pairs);
    format!(
        "{} deleted, {} kept (pushed again or no longer stale), {} already gone, {} failed",
        r.deleted, r.kept, r.already_gone, r.failed
    )
}

pub fn outcomes_json(
    planned: &[GroupRow],
    outcomes: &[(String, Labels, Outcome)],
    dry_run: bool,
) -> serde_json::Value {
    let pairs: Vec<_> = outcomes
        .iter()
        .map(|(_, l, o)| (l.clone(), o.clone()))
        .collect();
    let r = report(&pairs);
    json!({
        "dry_run": dry_run,
        "planned": groups_json(planned),
        "outcomes": outcomes.iter().map(|(gateway, labels, outcome)| json!({
            "gateway": gateway,
            "labels": labels,
            "outcome": outcome_kind(outcome),
            "detail": outcome.describe(),
        })).collect::<Vec<_>>(),
        "report": {"deleted": r.deleted, "kept": r.kept, "already_gone": r.already_gone, "failed": r.failed},
    })
}

/// Whether every group went as planned: deleted, or kept by the re-check (its job is alive).
pub fn all_as_planned(outcomes: &[(String, Labels, Outcome)]) -> bool {
    outcomes
        .iter()
        .all(|(_, _, o)| matches!(o, Outcome::Deleted | Outcome::Kept(_)))
}

//! `gatewatch groups`: every group of every gateway with its status, as the console's Groups
//! view classifies them (the stale threshold alone: no Prometheus here).

use crate::args::{Global, GroupsArgs};
use crate::client::{now, Gateway};
use crate::commands::{explain, warn_unread};
use crate::output::{groups_json, groups_table};
use crate::select::rows;
use gatewatch_core::gateway::group_table::matches_text;

pub async fn run(global: &Global, args: &GroupsArgs) -> Result<bool, String> {
    let gateway = Gateway::new()?;
    let (mut rows, errors) = rows(&gateway, &global.gateways, args.stale_after)
        .await
        .map_err(|e| explain(&e))?;
    rows.retain(|r| args.status.is_none_or(|s| r.freshness == s));
    if let Some(filter) = &args.filter {
        rows.retain(|r| matches_text(&r.group.labels, filter));
    }
    warn_unread(&errors);
    if global.json {
        println!("{}", groups_json(&rows));
    } else if rows.is_empty() {
        println!("No groups match.");
    } else {
        println!("{}", groups_table(&rows, now(), global.gateways.len() > 1));
        println!("{} groups", rows.len());
    }
    Ok(errors.is_empty())
}

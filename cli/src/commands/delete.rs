//! `gatewatch delete`: one group by its exact grouping key, or every group of a job whatever
//! its other labels; each delete verified (the gateway queues deletes and answers 202 anyway).

use crate::args::{DeleteArgs, Global};
use crate::client::{now, Gateway};
use crate::commands::{explain, progress_bar, warn_unread};
use crate::confirm::go_ahead;
use crate::output::{all_as_planned, groups_table, outcomes_json, outcomes_table};
use crate::select::rows;
use gatewatch_core::gateway::cleanup_flow::delete_and_verify;
use gatewatch_core::gateway::freshness::DEFAULT_STALE_AFTER_SECS;
use gatewatch_core::gateway::model::Labels;

pub async fn run(global: &Global, args: &DeleteArgs) -> Result<bool, String> {
    let gateway = Gateway::new()?;
    let (mut planned, errors) = rows(&gateway, &global.gateways, DEFAULT_STALE_AFTER_SECS)
        .await
        .map_err(|e| explain(&e))?;
    warn_unread(&errors);
    let mut key: Labels = args.labels.iter().cloned().collect();
    key.insert("job".into(), args.job.clone());
    if args.all_groups {
        planned.retain(|r| r.group.job() == args.job);
    } else {
        planned.retain(|r| r.group.labels == key);
    }
    if planned.is_empty() {
        if global.json {
            println!("{}", outcomes_json(&planned, &[], false));
        } else {
            println!("No such group on the gateway: nothing to delete.");
        }
        return Ok(errors.is_empty());
    }
    if !global.json {
        println!(
            "{}",
            groups_table(&planned, now(), global.gateways.len() > 1)
        );
    }
    if !go_ahead(&format!("Delete these {} groups", planned.len()), args.yes)? {
        eprintln!("gatewatch: nothing deleted");
        return Ok(false);
    }
    let bar = progress_bar(planned.len(), global.json);
    bar.set_message("Deleting");
    let mut outcomes = Vec::with_capacity(planned.len());
    for row in &planned {
        let outcome = delete_and_verify(&gateway, &row.gateway, &row.group.labels).await;
        outcomes.push((row.gateway.clone(), row.group.labels.clone(), outcome));
        bar.inc(1);
    }
    bar.finish_and_clear();
    if global.json {
        println!("{}", outcomes_json(&planned, &outcomes, false));
    } else {
        println!("{}", outcomes_table(&outcomes));
    }
    Ok(errors.is_empty() && all_as_planned(&outcomes))
}

//! `gatewatch clean`: the stale groups previewed, then deleted with the console's guarantees
//! (the core's cleanup steps: a re-check right before each delete, every delete verified).

use crate::args::{CleanArgs, Global};
use crate::client::{now, Gateway};
use crate::commands::{explain, progress_bar, warn_unread};
use crate::confirm::go_ahead;
use crate::output::{all_as_planned, groups_table, outcomes_json, outcomes_table};
use crate::select::{has_labels, job_matches, rows};
use gatewatch_core::gateway::cleanup::{by_gateway, Previewed};
use gatewatch_core::gateway::cleanup_flow::clean;
use gatewatch_core::gateway::freshness::Freshness;

pub async fn run(global: &Global, args: &CleanArgs) -> Result<bool, String> {
    let gateway = Gateway::new()?;
    let (mut planned, errors) = rows(&gateway, &global.gateways, args.older_than)
        .await
        .map_err(|e| explain(&e))?;
    warn_unread(&errors);
    planned.retain(|r| {
        r.freshness == Freshness::Stale
            && job_matches(r, args.job.as_ref())
            && has_labels(r, &args.labels)
    });
    if planned.is_empty() || args.dry_run {
        if global.json {
            println!("{}", outcomes_json(&planned, &[], args.dry_run));
        } else if planned.is_empty() {
            println!("No stale group matches: nothing to delete.");
        } else {
            println!(
                "{}",
                groups_table(&planned, now(), global.gateways.len() > 1)
            );
            println!("Dry run: {} groups would be deleted.", planned.len());
        }
        return Ok(errors.is_empty());
    }
    if !global.json {
        println!(
            "{}",
            groups_table(&planned, now(), global.gateways.len() > 1)
        );
    }
    if !go_ahead(
        &format!("Delete these {} stale groups", planned.len()),
        args.yes,
    )? {
        eprintln!("gatewatch: nothing deleted");
        return Ok(false);
    }
    let chosen: Vec<Previewed> = planned.iter().map(Previewed::of_row).collect();
    // The core cleans gateway after gateway (`by_gateway`), one outcome per group of each.
    let gateways: Vec<String> = by_gateway(chosen.clone())
        .into_iter()
        .flat_map(|(gw, batch)| std::iter::repeat_n(gw, batch.len()))
        .collect();
    let bar = progress_bar(chosen.len(), global.json);
    bar.set_message("Deleting");
    let done = clean(&gateway, chosen, |d, _| bar.set_position(d as u64)).await;
    bar.finish_and_clear();
    let outcomes: Vec<_> = gateways
        .into_iter()
        .zip(done)
        .map(|(gw, (labels, outcome))| (gw, labels, outcome))
        .collect();
    if global.json {
        println!("{}", outcomes_json(&planned, &outcomes, false));
    } else {
        println!("{}", outcomes_table(&outcomes));
    }
    Ok(errors.is_empty() && all_as_planned(&outcomes))
}

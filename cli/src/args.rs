//! The command line (clap derive): global options, the commands and their flags.

use clap::{Args, Parser, Subcommand};
use gatewatch_core::gateway::freshness::Freshness;
use gatewatch_core::time::duration::parse_duration;

#[derive(Parser)]
#[command(
    name = "gatewatch",
    version,
    about = "List a Pushgateway's groups and clean stale ones safely"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args)]
pub struct Global {
    /// A gateway's base URL; repeat it for several gateways (an HA pair, one per team).
    #[arg(
        long = "gateway",
        global = true,
        env = "GATEWATCH_GATEWAY",
        value_delimiter = ',',
        default_value = "http://127.0.0.1:9091"
    )]
    pub gateways: Vec<String>,
    /// Print JSON instead of tables and messages (for scripts).
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Subcommand)]
pub enum Command {
    /// Every group with its last push, age and status.
    Groups(GroupsArgs),
    /// Delete the groups that are stale: a preview, then a re-check right before each delete and a verified outcome.
    Clean(CleanArgs),
    /// Delete one group by its exact grouping key, or every group of a job.
    Delete(DeleteArgs),
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Args)]
pub struct GroupsArgs {
    /// Only groups whose labels match: words anywhere, or name=value.
    #[arg(long)]
    pub filter: Option<String>,
    /// Only groups in this state.
    #[arg(long, value_parser = parse_status)]
    pub status: Option<Freshness>,
    /// Groups whose last push is older than this are stale (Prometheus durations: 90s, 10m, 1h30m).
    #[arg(long, default_value = "10m", value_parser = parse_secs)]
    pub stale_after: f64,
}

#[derive(Args)]
pub struct CleanArgs {
    /// Delete groups whose last push is older than this (e.g. 10m, 1h, 7d).
    #[arg(long, value_parser = parse_secs)]
    pub older_than: f64,
    /// Only groups whose job matches this glob (e.g. 'u/admin/*').
    #[arg(long, value_parser = parse_glob)]
    pub job: Option<glob::Pattern>,
    /// Only groups with this label value (k=v); repeat for several.
    #[arg(long = "label", value_parser = parse_label)]
    pub labels: Vec<(String, String)>,
    /// Show what would be deleted, delete nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Delete without asking (required when stdin is not a terminal).
    #[arg(long)]
    pub yes: bool,
}

#[derive(Args)]
pub struct DeleteArgs {
    /// The job of the group.
    #[arg(long)]
    pub job: String,
    /// The group's other grouping labels (k=v); repeat for several.
    #[arg(long = "label", value_parser = parse_label)]
    pub labels: Vec<(String, String)>,
    /// Every group of the job, whatever its other labels.
    #[arg(long, conflicts_with = "labels")]
    pub all_groups: bool,
    /// Delete without asking (required when stdin is not a terminal).
    #[arg(long)]
    pub yes: bool,
}

fn parse_secs(s: &str) -> Result<f64, String> {
    parse_duration(s)
        .ok_or_else(|| format!("'{s}' is not a duration: use e.g. 90s, 10m, 1h30m or 7d"))
}

fn parse_status(s: &str) -> Result<Freshness, String> {
    Freshness::parse(s).ok_or_else(|| {
        let known: Vec<_> = Freshness::ALL.iter().map(|f| f.slug()).collect();
        format!("'{s}' is not a status: one of {}", known.join(", "))
    })
}

fn parse_glob(s: &str) -> Result<glob::Pattern, String> {
    glob::Pattern::new(s).map_err(|e| format!("'{s}' is not a glob: {e}"))
}

fn parse_label(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_string(), value.to_string())),
        _ => Err(format!(
            "'{s}' is not a label: write name=value (the value may be empty)"
        )),
    }
}

//! The Windmill fleet overview: the PromQL of the tutorial's monitoring dashboard (the same
//! expressions as deploy/grafana/dashboards/windmill_monitoring.json).

#[cfg(test)]
mod tests;

pub struct Panel {
    pub title: &'static str,
    pub explanation: &'static str,
    pub expr: &'static str,
}

pub const PANELS: [Panel; 8] = [
    Panel {
        title: "Workers running",
        explanation: "sum(worker_started): workers that have started.",
        expr: "sum(worker_started)",
    },
    Panel {
        title: "Busy ratio",
        explanation: "Busy workers / started workers (1 = every worker is running a job).",
        expr: "sum(worker_busy) / sum(worker_started)",
    },
    Panel {
        title: "Servers: DB pool in use",
        explanation: "Connections in use (open − idle) / pool maximum, all servers.",
        expr: r#"sum(pool_connections_active{job="windmill_server"} - pool_connections_idle{job="windmill_server"}) / sum(pool_connections_max{job="windmill_server"})"#,
    },
    Panel {
        title: "Workers: DB pool in use",
        explanation: "Connections in use (open − idle) / pool maximum, all workers.",
        expr: r#"sum(pool_connections_active{job="windmill_worker"} - pool_connections_idle{job="windmill_worker"}) / sum(pool_connections_max{job="windmill_worker"})"#,
    },
    Panel {
        title: "Pull duration p95",
        explanation:
            "95th percentile of the time a worker takes to pull a job (pulls that got one).",
        expr: r#"histogram_quantile(0.95, sum by (le) (rate(worker_pull_duration_bucket{has_job="true"}[5m])))"#,
    },
    Panel {
        title: "Save duration p95",
        explanation: "95th percentile of the time a worker takes to save a result.",
        expr: "histogram_quantile(0.95, sum by (le) (rate(worker_save_duration_bucket[5m])))",
    },
    Panel {
        title: "Jobs per second by tag",
        explanation: "Job executions per second, by worker tag.",
        expr: "sum by (tag) (rate(worker_execution_count[5m]))",
    },
    Panel {
        title: "Queue depth",
        explanation: "Jobs waiting in the queue, by tag (reported by the servers).",
        expr: "max by (tag) (queue_count)",
    },
];

/// Non-empty exactly when Windmill exposes its metrics to this Prometheus.
pub const PRESENCE_EXPR: &str = "count(worker_started) or count(pool_connections_max)";
/// Non-empty when those metrics come from gatewatch's simulator, not a real Windmill.
pub const SIMULATED_EXPR: &str =
    r#"count({__name__=~"worker_started|pool_connections_max", simulated="true"})"#;

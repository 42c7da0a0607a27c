//! Paths and form bodies of every API endpoint the console calls, relative to a base URL.

#[cfg(test)]
mod tests;

use crate::gateway::grouping_key::GroupKey;

/// Percent-encodes everything but RFC 3986 unreserved characters, so PromQL with `{`, `"`,
/// `+`, `&`, `=` or unicode arrives intact in a query string or form body.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for byte in s.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// `a=1&b=2` with both sides encoded.
pub fn form(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Joins a normalized base ("/prometheus", "http://h:9090", "") and an absolute path.
pub fn join(base: &str, path: &str) -> String {
    format!("{}{}", base.trim_end_matches('/'), path)
}

pub const GATEWAY_METRICS: &str = "/api/v1/metrics";
pub const GATEWAY_STATUS: &str = "/api/v1/status";
/// The bulk delete, beside the gateway's own paths: answered by the console's nginx
/// (deploy/nginx/bulk_delete.js), not by the gateway.
pub const GATEWAY_BULK_DELETE: &str = "/gatewatch/bulk-delete";
pub const PROMETHEUS_QUERY: &str = "/api/v1/query";
pub const PROMETHEUS_QUERY_RANGE: &str = "/api/v1/query_range";
pub const PROMETHEUS_SERIES: &str = "/api/v1/series";
pub const PROMETHEUS_TARGETS: &str = "/api/v1/targets?state=active";
pub const PROMETHEUS_BUILDINFO: &str = "/api/v1/status/buildinfo";

/// The gateway path that deletes exactly this group.
pub fn gateway_group(key: &GroupKey) -> String {
    key.path()
}

/// Form body for `/api/v1/query` (sent as POST so long expressions fit).
pub fn instant_query_form(expr: &str, time: Option<f64>) -> String {
    let mut pairs = vec![("query", expr.to_string())];
    if let Some(t) = time {
        pairs.push(("time", format_seconds(t)));
    }
    form(&pairs)
}

/// Form body for `/api/v1/query_range`.
pub fn range_query_form(expr: &str, start: f64, end: f64, step: f64) -> String {
    form(&[
        ("query", expr.to_string()),
        ("start", format_seconds(start)),
        ("end", format_seconds(end)),
        ("step", format_seconds(step)),
    ])
}

/// `/api/v1/label/<name>/values?match[]=...` (label names are [a-zA-Z_][a-zA-Z0-9_]*; encoded anyway).
pub fn label_values(label: &str, matchers: &[&str]) -> String {
    let mut path = format!("/api/v1/label/{}/values", encode_component(label));
    let query = form(
        &matchers
            .iter()
            .map(|m| ("match[]", m.to_string()))
            .collect::<Vec<_>>(),
    );
    if !query.is_empty() {
        path.push('?');
        path.push_str(&query);
    }
    path
}

/// Form body for `/api/v1/series`.
pub fn series_form(matchers: &[&str], start: Option<f64>, end: Option<f64>) -> String {
    let mut pairs: Vec<(&str, String)> = matchers
        .iter()
        .map(|m| ("match[]", m.to_string()))
        .collect();
    if let Some(s) = start {
        pairs.push(("start", format_seconds(s)));
    }
    if let Some(e) = end {
        pairs.push(("end", format_seconds(e)));
    }
    form(&pairs)
}

/// A link that opens `expr` in Prometheus' own graph page (2.x and 3.x read the `g0.*` keys).
/// `end` is None for "now"; `range` is a PromQL duration such as "1h".
pub fn prometheus_graph_link(
    ui_base: &str,
    expr: &str,
    range: &str,
    end: Option<f64>,
    step: f64,
) -> String {
    let mut pairs = vec![
        ("g0.expr", expr.to_string()),
        ("g0.tab", "0".to_string()),
        ("g0.range_input", range.to_string()),
        ("g0.step_input", format_seconds(step)),
    ];
    if let Some(end) = end {
        // The graph page reads the end time as UTC "YYYY-MM-DD HH:MM:SS".
        let text = crate::time::format::format_utc(end);
        pairs.push(("g0.end_input", text.trim_end_matches(" UTC").to_string()));
    }
    format!("{}/graph?{}", ui_base.trim_end_matches('/'), form(&pairs))
}

/// [`prometheus_graph_link`] for a console time range: relative ranges stay relative ("now").
pub fn prometheus_graph_link_for(
    ui_base: &str,
    expr: &str,
    range: crate::time::range::TimeRange,
    step: f64,
) -> String {
    use crate::charts::job_queries::duration;
    use crate::time::range::TimeRange;
    let (span, end) = match range {
        TimeRange::Last(secs) => (duration(secs), None),
        TimeRange::Between { start, end } => (duration(end - start), Some(end)),
    };
    prometheus_graph_link(ui_base, expr, &span, end, step)
}

/// Seconds with millisecond precision and no trailing zeros ("1700000000.5", "15").
pub fn format_seconds(t: f64) -> String {
    let s = format!("{t:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

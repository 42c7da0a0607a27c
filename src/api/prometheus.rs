//! Prometheus HTTP API calls: instant and range queries (and a chart's range data), label
//! values, series, targets, build info, a job's run history.

use super::{send, Body, RawAnswer};
use gatewatch_core::charts::chart_data::{range_data, Grid, RangeData};
use gatewatch_core::charts::job_queries::{detect_job_label, gateway_scrape_interval, ScrapeSetup};
use gatewatch_core::http::endpoints::{self, join};
use gatewatch_core::http::envelope::{decode_answer, Answer};
use gatewatch_core::http::error::{ApiError, Backend};
use gatewatch_core::prometheus::dialect::Dialect;
use gatewatch_core::prometheus::model::{
    parse_buildinfo, parse_query_result, parse_series, parse_string_list, parse_targets, BuildInfo,
    Labels, QueryResult, Target,
};
use gatewatch_core::schedule::history::{histories, GroupHistory, HistoryQuery};
use gloo_net::http::Method;
use serde_json::value::RawValue;
use std::cell::RefCell;
use std::collections::HashMap;

const BACKEND: Backend = Backend::Prometheus;

pub async fn instant_query(
    base: &str,
    expr: &str,
    time: Option<f64>,
) -> Result<Answer<QueryResult>, ApiError> {
    let form = endpoints::instant_query_form(expr, time);
    let raw = send(
        BACKEND,
        Method::POST,
        &join(base, endpoints::PROMETHEUS_QUERY),
        Some(Body::Form(form)),
    )
    .await?;
    decode(raw, parse_query_result)
}

pub async fn range_query(
    base: &str,
    expr: &str,
    start: f64,
    end: f64,
    step: f64,
) -> Result<Answer<QueryResult>, ApiError> {
    let form = endpoints::range_query_form(expr, start, end, step);
    let url = join(base, endpoints::PROMETHEUS_QUERY_RANGE);
    let raw = send(BACKEND, Method::POST, &url, Some(Body::Form(form))).await?;
    decode(raw, parse_query_result)
}

/// A range query over `grid`, aligned to it: what every chart of the console draws. A result
/// that is not a matrix is a malformed answer.
pub async fn range_chart(
    base: &str,
    expr: &str,
    grid: Grid,
    name_of: fn(&Labels) -> String,
) -> Result<RangeData, ApiError> {
    let answer = range_query(base, expr, grid.start, grid.end(), grid.step).await?;
    range_data(grid, answer, name_of).map_err(|detail| ApiError::Malformed {
        backend: BACKEND,
        detail,
    })
}

pub async fn label_values(
    base: &str,
    label: &str,
    matchers: &[&str],
) -> Result<Answer<Vec<String>>, ApiError> {
    let url = join(base, &endpoints::label_values(label, matchers));
    let raw = send(BACKEND, Method::GET, &url, None).await?;
    decode(raw, parse_string_list)
}

pub async fn series(
    base: &str,
    matchers: &[&str],
    start: Option<f64>,
    end: Option<f64>,
) -> Result<Answer<Vec<Labels>>, ApiError> {
    let form = endpoints::series_form(matchers, start, end);
    let url = join(base, endpoints::PROMETHEUS_SERIES);
    let raw = send(BACKEND, Method::POST, &url, Some(Body::Form(form))).await?;
    decode(raw, parse_series)
}

/// The dialect, the job label and the gateway's scrape interval, from the push_time_seconds
/// series of the hour before `now` and the targets. Prometheus-compatible servers without a
/// targets API still answer, without a scrape interval.
pub async fn scrape_setup(base: &str, now: f64) -> Result<ScrapeSetup, ApiError> {
    let series = series(base, &["push_time_seconds"], Some(now - 3600.0), Some(now))
        .await?
        .data;
    let targets = targets(base).await.map(|a| a.data).unwrap_or_default();
    Ok(ScrapeSetup {
        dialect: dialect(base).await,
        job_label: detect_job_label(&series),
        scrape_interval: gateway_scrape_interval(&targets, &series),
    })
}

/// One job's runs over a range (`core::schedule::history`), per group.
pub async fn job_history(base: &str, query: &HistoryQuery) -> Result<Vec<GroupHistory>, ApiError> {
    let answer = match query {
        HistoryQuery::Instant { expr, time } => instant_query(base, expr, Some(*time)).await?,
        HistoryQuery::Range {
            expr,
            start,
            end,
            step,
        } => range_query(base, expr, *start, *end, *step).await?,
    };
    histories(&answer.data).map_err(|detail| ApiError::Malformed {
        backend: BACKEND,
        detail,
    })
}

pub async fn targets(base: &str) -> Result<Answer<Vec<Target>>, ApiError> {
    let raw = send(
        BACKEND,
        Method::GET,
        &join(base, endpoints::PROMETHEUS_TARGETS),
        None,
    )
    .await?;
    decode(raw, parse_targets)
}

pub async fn build_info(base: &str) -> Result<BuildInfo, ApiError> {
    let raw = send(
        BACKEND,
        Method::GET,
        &join(base, endpoints::PROMETHEUS_BUILDINFO),
        None,
    )
    .await?;
    decode(raw, parse_buildinfo).map(|a| a.data)
}

thread_local! {
    /// Each backend's dialect by base URL: it does not change while the page is open.
    static DIALECTS: RefCell<HashMap<String, Dialect>> = RefCell::new(HashMap::new());
}

/// The query language the backend at `base` speaks, told by its build info (core::dialect),
/// asked once per page load and base: a request both backends answer with success. While it
/// cannot be told (no answer), PromQL: the query that follows reports the same failure.
pub async fn dialect(base: &str) -> Dialect {
    if let Some(known) = DIALECTS.with_borrow(|d| d.get(base).copied()) {
        return known;
    }
    let info = build_info(base).await;
    let Some(dialect) = Dialect::from_build_info(info.as_ref()) else {
        return Dialect::PromQl;
    };
    DIALECTS.with_borrow_mut(|d| d.insert(base.to_string(), dialect));
    dialect
}

fn decode<T>(
    raw: RawAnswer,
    parse: impl FnOnce(&RawValue) -> Result<T, String>,
) -> Result<Answer<T>, ApiError> {
    decode_answer(
        BACKEND,
        raw.status,
        raw.content_type.as_deref(),
        &raw.body,
        parse,
    )
}

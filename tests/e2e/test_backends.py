"""The Prometheus-compatible backend behind nginx's /prometheus/: the same tests run against
Prometheus (default) and VictoriaMetrics (GATEWATCH_E2E_BACKEND=victoriametrics, or the e2e-vm
level of scripts/test). Each asserts the answer's shape the console parses (core/src/*/model
prometheus/parse.rs), and pins the differences docs/backends.md lists.

Also the simulated Windmill (simulator/windmill_metrics.py) as the backend scrapes it: jobs
windmill_server and windmill_worker, every series labelled simulated="true", and every
expression of the Windmill monitoring dashboard answering."""
import json
import re
import time
from pathlib import Path

import pytest
import requests

from helpers import group_path, push_group, push_twice, unique_job, wait_until

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 10
# VictoriaMetrics 1.79 makes a new series searchable ~10 s after its first scrape (Prometheus:
# at the next scrape); values of known series within ~2 s.
SCRAPED = 40
WINDMILL_NAMES = {
    "worker_started", "worker_busy", "pool_connections_active", "pool_connections_idle",
    "pool_connections_max", "worker_pull_duration_bucket", "worker_pull_duration_sum",
    "worker_pull_duration_count", "worker_save_duration_bucket", "worker_save_duration_sum",
    "worker_save_duration_count", "worker_execution_count", "queue_count",
}


def api(stack, path, method="GET", **params):
    """GET (or POST form) nginx's /prometheus{path}; the parsed JSON of a 200 success answer."""
    url = f"{stack.base_url}/prometheus{path}"
    if method == "GET":
        response = requests.get(url, params=params, timeout=TIMEOUT)
    else:
        response = requests.post(url, data=params, timeout=TIMEOUT)
    assert response.headers["Content-Type"].startswith("application/json"), response.text[:300]
    body = response.json()
    assert response.status_code == 200 and body["status"] == "success", body
    return body


def query(stack, expr):
    return api(stack, "/api/v1/query", query=expr)["data"]["result"]


def assert_sample(pair):
    """[unix seconds as a JSON number, value as a string] - Prometheus sends 1.7e9 with
    milliseconds, VictoriaMetrics whole seconds for instant queries."""
    assert isinstance(pair, list) and len(pair) == 2, pair
    assert isinstance(pair[0], (int, float)) and pair[0] > 1e9, pair
    assert isinstance(pair[1], str), pair
    float(pair[1])  # "NaN", "+Inf" parse too


@pytest.fixture(scope="module")
def pushed(stack):
    """A job pushed like the Windmill tutorial's, once the backend has scraped it."""
    job = "u/admin/random_number_metric_script-" + unique_job().split("/")[1]
    push_group(stack.gateway, job, {"job_records_processed": 42})
    wait_until(lambda: query(stack, f'job_records_processed{{exported_job="{job}"}}'),
               timeout=SCRAPED, what=f"{stack.backend} to scrape {job}")
    yield job
    requests.delete(f"{stack.gateway_url}{group_path({'job': job})}", timeout=TIMEOUT)


# ---- query API shapes ----

def test_instant_query_shape(stack):
    body = api(stack, "/api/v1/query", query="vector(42)")
    assert body["data"]["resultType"] == "vector"
    [sample] = body["data"]["result"]
    assert sample["metric"] == {}
    assert_sample(sample["value"])
    assert sample["value"][1] == "42"


def test_instant_query_post_shape(stack):
    body = api(stack, "/api/v1/query", method="POST", query="vector(1) + vector(0)")
    assert body["data"]["resultType"] == "vector"
    assert body["data"]["result"][0]["value"][1] == "1"


def test_scalar_query_shape(stack):
    """Prometheus answers a scalar expression with resultType "scalar" and a bare sample;
    VictoriaMetrics has no scalar results: a one-series vector with empty labels."""
    data = api(stack, "/api/v1/query", query="scalar(vector(3))")["data"]
    if stack.backend == "prometheus":
        assert data["resultType"] == "scalar"
        assert_sample(data["result"])
        assert data["result"][1] == "3"
    else:
        assert data["resultType"] == "vector"
        assert [(s["metric"], s["value"][1]) for s in data["result"]] == [({}, "3")]


def test_long_query_post(stack):
    """~24 KB of PromQL in a POST form (nginx takes 1 MB): VictoriaMetrics' default
    -search.maxQueryLen (16 KiB) would refuse it with 422; the local stack raises it."""
    expr = "vector(1)" + " + vector(0)" * 2000
    body = api(stack, "/api/v1/query", method="POST", query=expr)
    assert body["data"]["result"][0]["value"][1] == "1"


def test_range_query_shape(stack, pushed):
    end = time.time()
    body = api(stack, "/api/v1/query_range", query=f'job_records_processed{{exported_job="{pushed}"}}',
               start=f"{end - 60:.3f}", end=f"{end:.3f}", step="1")
    data = body["data"]
    assert data["resultType"] == "matrix"
    [series] = data["result"]
    assert series["metric"]["__name__"] == "job_records_processed"
    assert series["metric"]["exported_job"] == pushed
    assert series["values"], series
    for pair in series["values"]:
        assert_sample(pair)
        assert pair[1] == "42"
    stamps = [p[0] for p in series["values"]]
    assert stamps == sorted(stamps) and all(abs((b - a) - 1) < 1e-6 for a, b in zip(stamps, stamps[1:]))


def test_series_shape(stack, pushed):
    body = api(stack, "/api/v1/series", **{"match[]": f'job_records_processed{{exported_job="{pushed}"}}'})
    assert body["data"] == [{
        "__name__": "job_records_processed", "exported_job": pushed,
        "job": "prometheus_gateway", "instance": body["data"][0]["instance"],
    }]
    assert body["data"][0]["instance"] == stack.gateway


def test_labels_and_label_values_shape(stack, pushed):
    labels = api(stack, "/api/v1/labels")["data"]
    assert isinstance(labels, list) and {"__name__", "job", "instance", "exported_job"} <= set(labels)
    values = api(stack, "/api/v1/label/exported_job/values", **{"match[]": "push_time_seconds"})["data"]
    assert pushed in values and all(isinstance(v, str) for v in values)
    # (the self-scrape job "prometheus" runs every 15 s: maybe not yet)
    want = {"prometheus_gateway"} | ({"windmill_server", "windmill_worker"} if stack.windmill_sim_urls else set())
    wait_until(lambda: want <= set(api(stack, "/api/v1/label/job/values")["data"]),
               timeout=SCRAPED, what=f"job values {want}")


def test_query_errors_are_json(stack):
    """A PromQL syntax error: Prometheus 400 errorType bad_data, VictoriaMetrics 422 errorType
    "422"; both JSON with status "error" and a message."""
    response = requests.get(f"{stack.base_url}/prometheus/api/v1/query", params={"query": "sum("},
                            timeout=TIMEOUT)
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["status"] == "error" and body["error"]
    if stack.backend == "prometheus":
        assert (response.status_code, body["errorType"]) == (400, "bad_data")
    else:
        assert (response.status_code, body["errorType"]) == (422, "422")


def test_buildinfo_shape(stack):
    """Prometheus names its version; VictoriaMetrics 1.79 (Debian) answers success with an empty
    `data` (newer releases send a Prometheus-like version): the console must not require it."""
    data = api(stack, "/api/v1/status/buildinfo")["data"]
    assert isinstance(data, dict)
    if stack.backend == "prometheus":
        assert re.match(r"^\d+\.\d+\.\d+", data["version"]), data
    else:
        assert data == {} or data.get("version"), data


def test_ready_endpoint(stack):
    response = requests.get(f"{stack.base_url}/prometheus/-/ready", timeout=TIMEOUT)
    assert response.status_code == 200
    assert "Ready" in response.text or "ready" in response.text


# ---- targets ----

def test_targets_shape(stack):
    """The fields the console parses: scrapePool, scrapeUrl, labels, health, lastError,
    lastScrape, lastScrapeDuration (a number), scrapeInterval (optional: VictoriaMetrics
    leaves it out)."""
    def targets():
        active = api(stack, "/api/v1/targets")["data"]["activeTargets"]
        return active if all(t["health"] == "up" for t in active) and len(active) >= 2 else None

    active = wait_until(targets, timeout=SCRAPED, what="every target up")
    for t in active:
        assert isinstance(t["scrapePool"], str) and t["scrapeUrl"].startswith("http://127.0.0.1:"), t
        assert all(isinstance(v, str) for v in t["labels"].values()), t
        assert t["labels"]["job"] and t["labels"]["instance"], t
        assert isinstance(t["lastError"], str) and isinstance(t["lastScrape"], str), t
        assert isinstance(t["lastScrapeDuration"], (int, float)), t
        if "scrapeInterval" in t:
            assert re.fullmatch(r"\d+[smh]", t["scrapeInterval"]), t
    pools = {t["scrapePool"] for t in active}
    assert {"prometheus", "prometheus_gateway"} <= pools
    gateways = sorted(t["labels"]["instance"] for t in active if t["scrapePool"] == "prometheus_gateway")
    assert gateways == sorted(filter(None, [stack.gateway, stack.gateway2]))


def test_gateway_scraped_without_honor_labels_gives_exported_job(stack, pushed):
    """Both backends default to honor_labels: false, as the Windmill tutorial's prometheus.yml
    relies on: the pushed job becomes exported_job, job is the scrape job."""
    [series] = query(stack, f'job_records_processed{{exported_job="{pushed}"}}')
    assert series["metric"]["job"] == "prometheus_gateway"
    assert "exported_instance" not in series["metric"]  # the gateway's empty instance=""
    assert query(stack, f'job_records_processed{{job="{pushed}"}}') == []


def test_irate_adjusted_expression_answers(stack):
    """The console's irate-adjusted chart (window 2 x the 1 s scrape) finds two samples on both
    backends while the job pushes."""
    job = unique_job("e2e-irate")
    expr = (f'job_records_processed{{exported_job="{job}"}} * on(job, instance, exported_job, '
            f'exported_instance) group_left() (irate(push_time_seconds{{exported_job="{job}"}}[2s]) > bool 0)')
    deadline = time.monotonic() + SCRAPED
    result = []
    try:
        while time.monotonic() < deadline and not result:
            push_group(stack.gateway, job, {"job_records_processed": 5})
            time.sleep(0.5)
            result = query(stack, expr)
        assert len(result) == 1 and result[0]["value"][1] in ("0", "5"), result
    finally:
        requests.delete(f"{stack.gateway_url}{group_path({'job': job})}", timeout=TIMEOUT)


def test_changes_of_a_young_series_and_the_dialect_probe(stack):
    """Two pushes: PromQL's changes() over a window holding the whole series is 1; MetricsQL's
    is 2 (it counts the first sample of a series that begins inside the window), its
    changes_prometheus() 1. The console tells the two apart by build info (core/src/prometheus/dialect.rs),
    with a request both answer: Prometheus sends goVersion, VictoriaMetrics' stub never does."""
    job = unique_job("e2e-changes")
    sel = f'push_time_seconds{{exported_job="{job}"}}'
    try:
        push_twice(stack, job, {"job_records_processed": 1}, apart=2)
        [changes] = query(stack, f"changes({sel}[1h])")
        info = requests.get(f"{stack.base_url}/prometheus/api/v1/status/buildinfo", timeout=TIMEOUT)
        assert info.status_code == 200, info.text
        data = info.json()["data"]
        if stack.backend == "prometheus":
            assert changes["value"][1] == "1", changes
            assert data.get("goVersion"), data
        else:
            assert changes["value"][1] == "2", changes
            assert "goVersion" not in data, data
            [counted] = query(stack, f"changes_prometheus({sel}[1h])")
            assert counted["value"][1] == "1", counted
    finally:
        requests.delete(f"{stack.gateway_url}{group_path({'job': job})}", timeout=TIMEOUT)


def test_deleted_group_goes_stale(stack):
    """Both backends write staleness markers when a scraped series disappears: a group deleted
    from the gateway leaves instant queries within a few scrapes (not after the 5 m lookback)."""
    job = unique_job("e2e-stale")
    push_group(stack.gateway, job, {"job_records_processed": 1})
    expr = f'job_records_processed{{exported_job="{job}"}}'
    wait_until(lambda: query(stack, expr), timeout=SCRAPED, what="the group scraped")
    requests.delete(f"{stack.gateway_url}{group_path({'job': job})}", timeout=TIMEOUT).raise_for_status()
    wait_until(lambda: query(stack, expr) == [], timeout=15, what="the deleted group to go stale")


def test_alert_rules_are_loaded(stack):
    """Prometheus loads rule_files; with VictoriaMetrics, vmalert runs the same files and
    /api/v1/rules is proxied to it. The ALERTS series the console queries exist in both."""
    groups = api(stack, "/api/v1/rules")["data"]["groups"]
    names = {r["name"] for g in groups for r in g["rules"]}
    assert names == {"PushedJobStale", "PushedJobLastPushFailed"}, groups
    for g in groups:
        assert g["file"].endswith("rules/pushed_jobs.yml"), g["file"]
        for r in g["rules"]:
            assert r["query"] and r["health"] in ("ok", "unknown"), r
    alerts = api(stack, "/api/v1/alerts")["data"]["alerts"]
    # with none firing, Prometheus sends [], vmalert 1.79 null
    assert isinstance(alerts, list) or (stack.backend == "victoriametrics" and alerts is None), alerts
    api(stack, "/api/v1/query", query='ALERTS{alertname=~"PushedJob.*", alertstate="firing"}')


# ---- the simulated Windmill ----

@pytest.fixture(scope="module")
def windmill(stack):
    if not stack.windmill_sim_urls:
        pytest.skip("the stack runs without the simulated Windmill (GATEWATCH_E2E_WINDMILL_SIM=0)")
    # histograms need two scrapes for rate(); a new series ~10 s to show on VictoriaMetrics
    wait_until(lambda: len(query(stack, 'rate(worker_pull_duration_count{has_job="false"}[1m])')) == 3,
               timeout=SCRAPED, what="the simulated workers' pull rates")
    return stack


def test_simulator_exposition_is_marked_simulated(windmill):
    server, *workers = windmill.windmill_sim_urls
    assert len(workers) == 3
    for url in windmill.windmill_sim_urls:
        response = requests.get(f"{url}/metrics", timeout=TIMEOUT)
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        lines = response.text.splitlines()
        helps = [line for line in lines if line.startswith("# HELP ")]
        assert helps and all("SIMULATED" in line for line in helps), helps
        samples = [line for line in lines if line and not line.startswith("#")]
        assert samples and all('simulated="true"' in line for line in samples), samples
    text = requests.get(f"{server}/metrics", timeout=TIMEOUT).text
    assert re.search(r'^queue_count\{tag="python3",simulated="true"\} \d+$', text, re.M), text
    text = requests.get(f"{workers[0]}/metrics", timeout=TIMEOUT).text
    for name in ("worker_started", "worker_busy", "pool_connections_max"):
        assert re.search(rf"^{name}\{{", text, re.M), name
    assert re.search(r'^worker_pull_duration_bucket\{name="wk-default-sim-worker-1",has_job="true",'
                     r'le="\+Inf",simulated="true"\} \d+$', text, re.M), text
    assert "# TYPE worker_execution_count counter" in text and "worker_execution_count_total" not in text


def test_simulated_windmill_scrape_jobs(windmill):
    up = {(r["metric"]["job"], r["metric"]["instance"]): r["metric"] for r in
          query(windmill, 'up{job=~"windmill_server|windmill_worker"} == 1')}
    assert sorted(job for job, _ in up) == ["windmill_server"] + ["windmill_worker"] * 3
    assert all(m["simulated"] == "true" for m in up.values())
    names = {r["metric"]["__name__"] for r in
             query(windmill, 'count by (__name__) ({job=~"windmill_server|windmill_worker"})')}
    assert WINDMILL_NAMES <= names, WINDMILL_NAMES - names
    assert query(windmill, 'count({job=~"windmill_server|windmill_worker", simulated!="true"})') == []
    server_only = {r["metric"]["__name__"] for r in query(windmill, 'count by (__name__) ({job="windmill_server"})')}
    assert "queue_count" in server_only and "worker_busy" not in server_only


def test_simulated_counters_grow(windmill):
    def executed():
        result = query(windmill, "sum(worker_execution_count)")
        return float(result[0]["value"][1]) if result else 0.0

    first = executed()
    wait_until(lambda: executed() > first, timeout=30, what="worker_execution_count to grow")


def test_windmill_dashboard_expressions_answer(windmill):
    """Every panel of deploy/grafana/dashboards/windmill_monitoring.json returns series on the
    simulated Windmill (the save-duration quantile once a job was saved: it may be NaN)."""
    dashboard = json.loads((ROOT / "deploy/grafana/dashboards/windmill_monitoring.json").read_text())
    panels = [p for top in dashboard["panels"] for p in (top, *top.get("panels", []))]
    exprs = [(panel["title"], t["expr"]) for panel in panels for t in panel.get("targets", []) if t.get("expr")]
    assert len(exprs) >= 10
    for title, expr in exprs:
        expr = expr.replace("$__rate_interval", "1m").replace("$__interval", "1m")
        result = wait_until(lambda: query(windmill, expr), timeout=SCRAPED, what=f"{title}: {expr}")
        for series in result:
            assert_sample(series["value"])

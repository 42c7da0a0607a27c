"""The docker compose stack's Grafana dashboards and alert rules against a real Prometheus (the
local stack of conftest, which renders the same deploy/prometheus.yml and loads the same rules):
every panel uses the provisioned datasource, every PromQL expression of the dashboards and of
the rules evaluates, and the rules mean what they say on a real gateway's push times."""
import base64
import json
import re
import uuid
from pathlib import Path

import pytest
import requests

from helpers import group_path, push_group, unique_job, wait_until

ROOT = Path(__file__).resolve().parents[2]
DASHBOARDS = sorted((ROOT / "deploy/grafana/dashboards").glob("*.json"))
DATASOURCES = ROOT / "deploy/grafana/provisioning/datasources/prometheus.yml"
RULES = ROOT / "deploy/prometheus/rules/pushed_jobs.yml"
TIMEOUT = 10

# Grafana's built-in variables, as Grafana would expand them for a short time range.
GRAFANA_VARS = {"$__rate_interval": "1m", "$__interval": "1m", "$__range": "15m"}


def provisioned_uid():
    """The uid of the provisioned Prometheus datasource (a flat YAML list; no YAML library)."""
    uids = re.findall(r"^\s+uid:\s*['\"]?([\w-]+)", DATASOURCES.read_text(), re.M)
    assert len(uids) == 1, uids
    return uids[0]


def all_panels(dashboard):
    """Every panel, including those nested in rows."""
    for panel in dashboard.get("panels", []):
        yield panel
        yield from panel.get("panels", [])


def dashboard_exprs(dashboard):
    """(where, expr) of every PromQL target of every panel."""
    for panel in all_panels(dashboard):
        for target in panel.get("targets", []):
            if target.get("expr"):
                yield f"{dashboard['title']} / {panel['title']} / {target['refId']}", target["expr"]


def substitute(expr, job):
    for name, value in GRAFANA_VARS.items():
        expr = expr.replace(name, value)
    expr = expr.replace("${job}", job).replace("$job", job)
    assert "$" not in expr, f"unsubstituted variable in {expr}"
    return expr


def prom_get(stack, path, **params):
    response = requests.get(f"{stack.prometheus_url}{path}", params=params, timeout=TIMEOUT)
    assert response.headers["Content-Type"].startswith("application/json"), response.text[:300]
    body = response.json()
    assert response.status_code == 200 and body["status"] == "success", body
    return body["data"]


def query(stack, expr):
    return prom_get(stack, "/api/v1/query", query=expr)["result"]


@pytest.fixture(scope="module")
def pushed_job(stack):
    """A job pushed like the Windmill tutorial script, once Prometheus has scraped it."""
    job = "u/admin/random_number_metric_script-" + uuid.uuid4().hex[:8]
    push_group(stack.gateway, job, {"job_records_processed": 42})
    wait_until(lambda: query(stack, f'job_records_processed{{exported_job="{job}"}}'),
               timeout=20, what=f"Prometheus to scrape {job}")
    yield job
    requests.delete(f"{stack.gateway_url}{group_path({'job': job})}", timeout=TIMEOUT)


@pytest.fixture(scope="module")
def loaded_rules(stack):
    """The alerting rules the local Prometheus loaded from its rendered rule_files."""
    groups = prom_get(stack, "/api/v1/rules", type="alert")["groups"]
    return {rule["name"]: {**rule, "file": group["file"]} for group in groups for rule in group["rules"]}


# ---- dashboards ----

def test_both_dashboards_exist_with_unique_uids():
    names = [d.name for d in DASHBOARDS]
    assert names == ["windmill_job_metrics.json", "windmill_monitoring.json"], names
    uids = [json.loads(d.read_text())["uid"] for d in DASHBOARDS]
    assert len(set(uids)) == len(uids), uids


@pytest.mark.parametrize("path", DASHBOARDS, ids=lambda p: p.name)
def test_every_panel_uses_the_provisioned_datasource(path):
    dashboard = json.loads(path.read_text())
    want = {"type": "prometheus", "uid": provisioned_uid()}
    panels = list(all_panels(dashboard))
    assert panels
    for panel in panels:
        if panel.get("type") == "row":
            continue
        assert panel.get("datasource") == want, (panel["title"], panel.get("datasource"))
        assert panel.get("targets"), f"{panel['title']} has no query"
        for target in panel["targets"]:
            assert target.get("datasource") == want, (panel["title"], target.get("datasource"))
    for variable in dashboard["templating"]["list"]:
        if variable["type"] == "query":
            assert variable["datasource"] == want, variable["name"]


def test_job_dashboard_has_the_tutorial_panels_and_a_nan_free_instant_panel():
    dashboard = json.loads((ROOT / "deploy/grafana/dashboards/windmill_job_metrics.json").read_text())
    exprs = [expr for _, expr in dashboard_exprs(dashboard)]
    assert 'job_records_processed{exported_job="$job"}' in exprs
    # The console's irate-adjusted expression (core/src/charts/job_queries.rs), window 2 x 1 s scrape.
    assert ('job_records_processed{exported_job="$job"} * on(job, instance, exported_job, '
            'exported_instance) group_left() (irate(push_time_seconds{exported_job="$job"}[2s]) > bool 0)'
            ) in exprs
    assert not any(" / irate(" in e for e in exprs), "dividing by irate draws NaN gaps"
    job_var = next(v for v in dashboard["templating"]["list"] if v["name"] == "job")
    assert job_var["query"]["query"] == "label_values(push_time_seconds, exported_job)"


@pytest.mark.parametrize("path", DASHBOARDS, ids=lambda p: p.name)
def test_every_dashboard_expression_evaluates(stack, pushed_job, path):
    dashboard = json.loads(path.read_text())
    exprs = list(dashboard_exprs(dashboard))
    assert len(exprs) >= 6, exprs
    for where, expr in exprs:
        response = requests.get(f"{stack.prometheus_url}/api/v1/query",
                                params={"query": substitute(expr, pushed_job)}, timeout=TIMEOUT)
        body = response.json()
        assert response.status_code == 200 and body["status"] == "success", (where, expr, body)


def test_job_dashboard_queries_find_the_pushed_job(stack, pushed_job):
    """$job's values come from label_values(push_time_seconds, exported_job); the raw and the
    irate-adjusted panels return the pushed group."""
    values = prom_get(stack, "/api/v1/label/exported_job/values", **{"match[]": "push_time_seconds"})
    assert pushed_job in values
    dashboard = json.loads((ROOT / "deploy/grafana/dashboards/windmill_job_metrics.json").read_text())
    panels = {p["title"]: p for p in all_panels(dashboard)}
    raw = query(stack, substitute(panels["Processed records (raw)"]["targets"][0]["expr"], pushed_job))
    assert [r["value"][1] for r in raw] == ["42"]
    # irate needs two scrapes of the gateway inside its 2 s window: right after the first
    # scrape the expression has no result yet.
    instant_expr = substitute(panels["Processed records (instant, irate-adjusted)"]["targets"][0]["expr"],
                              pushed_job)
    instant = wait_until(lambda: query(stack, instant_expr), timeout=10, what=instant_expr)
    assert len(instant) == 1 and instant[0]["value"][1] in ("0", "42"), instant


# ---- alert rules ----

def test_the_local_stack_loaded_every_rule_of_the_rules_file(loaded_rules):
    in_file = re.findall(r"^\s+- alert:\s*(\w+)", RULES.read_text(), re.M)
    assert in_file == ["PushedJobStale", "PushedJobLastPushFailed"], in_file
    assert set(loaded_rules) == set(in_file), loaded_rules.keys()
    for name in in_file:
        assert loaded_rules[name]["file"].endswith("rules/pushed_jobs.yml"), loaded_rules[name]["file"]


def test_every_rule_expression_evaluates(stack, loaded_rules):
    for name, rule in loaded_rules.items():
        response = requests.get(f"{stack.prometheus_url}/api/v1/query",
                                params={"query": rule["query"]}, timeout=TIMEOUT)
        body = response.json()
        assert response.status_code == 200 and body["status"] == "success", (name, body)


def test_rules_on_real_push_times(stack, loaded_rules):
    """On the real gateway: a group whose every push failed has push_time_seconds 0. It is
    reported by PushedJobLastPushFailed and not by PushedJobStale (time() - 0 would be huge); a
    group that never failed is reported by neither."""
    metric = "e2e_conflict_" + uuid.uuid4().hex[:8]
    good, never = unique_job("e2e-rules"), unique_job("e2e-rules")
    push_group(stack.gateway, good, {metric: 1})  # holds `metric` as a gauge
    encoded = base64.urlsafe_b64encode(never.encode()).decode()
    response = requests.put(f"{stack.gateway_url}/metrics/job@base64/{encoded}",
                            data=f"# TYPE {metric} counter\n{metric} 1\n", timeout=TIMEOUT)
    assert response.status_code == 400, response.text
    try:
        def push_times():
            result = query(stack, f'push_time_seconds{{exported_job=~"{good}|{never}"}}')
            times = {r["metric"]["exported_job"]: r["value"][1] for r in result}
            return times if len(times) == 2 else None

        scraped = wait_until(push_times, timeout=20, what="both groups scraped")
        assert scraped[never] == "0" and float(scraped[good]) > 0, scraped

        def reported(rule):
            return {r["metric"].get("exported_job") for r in query(stack, loaded_rules[rule]["query"])}

        failed = wait_until(lambda: reported("PushedJobLastPushFailed") & {good, never} or None,
                            timeout=20, what="the failed group in the rule's result")
        assert failed == {never}
        assert not reported("PushedJobStale") & {good, never}
    finally:
        for job in (good, never):
            requests.delete(f"{stack.gateway_url}{group_path({'job': job})}", timeout=TIMEOUT)

"""Security of the console behind nginx (docs/security.md): the Content-Security-Policy (trunk's
inline loader allowed by its hash, nothing else inline) and other headers on every response, the
console running under that policy without violations, markup in
gateway data and Prometheus errors shown as text, only the endpoints and methods the console uses
let through, request size limits, optional basic auth for deletes, and the gateway's persistence
across a restart of the local stack.

The auth and persistence tests start a stack of their own (scripts/lib/stack.sh, no simulators)
on GATEWATCH_E2E_SEC_PORT_BASE (29290) .. +3 in GATEWATCH_E2E_SEC_RUN_DIR (.run/e2e-security)."""
import base64
import hashlib
import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
import requests
from prometheus_client import CollectorRegistry, Gauge, push_to_gateway
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from helpers import find_group, group_path, push_group, unique_job, wait_until
from private_stack import stack_sh

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 10
# The console's two documents (gatewatch_core::page::Document), in the order of their names.
DOCUMENTS = ("all-views.html", "index.html")

PAYLOADS = [
    "<img src=x onerror=window.__xss=1>",
    "<script>window.__xss=1</script>",
    '"><svg onload=window.__xss=1>',
]


# ---- headers ----

def inline_scripts(html):
    """(attributes, text) of every <script> element without a src attribute."""
    return [(attrs, body) for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S | re.I)
            if not re.search(r"\bsrc\s*=", attrs)]


def script_hashes(html):
    """The CSP sources that allow html's inline scripts: 'sha256-<base64 of its text>' each."""
    return [f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
            for _, body in inline_scripts(html)]


@pytest.fixture(scope="module")
def loader_hashes(stack):
    """The hashes of trunk's inline loaders in the two documents the stack serves, in the order
    scripts/lib/loader_csp.py lists them (the files' names)."""
    hashes = [h for doc in DOCUMENTS for h in script_hashes((stack.dist / doc).read_text())]
    assert len(hashes) == 2, f"one inline loader per document expected: {hashes}"
    return hashes


def csp_directives(header):
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def assert_security_headers(response, loader_hashes):
    where = f"{response.request.method} {response.url} -> {response.status_code}"
    csp = response.headers.get("Content-Security-Policy")
    assert csp, f"no CSP on {where}"
    d = csp_directives(csp)
    assert d["default-src"] == ["'self'"], where
    # Inline scripts only by hash: trunk's loader, as built (scripts/lib/loader_csp.py renders it).
    assert d["script-src"] == ["'self'", "'wasm-unsafe-eval'", *loader_hashes], where
    assert d["style-src"] == ["'self'"], where
    assert d["img-src"] == ["'self'", "data:"], where
    assert d["connect-src"] == ["'self'"], where
    assert d["object-src"] == ["'none'"], where
    assert d["base-uri"] == ["'self'"], where
    assert d["form-action"] == ["'self'"], where
    assert d["frame-ancestors"] == ["'none'"], where
    for name, sources in d.items():
        if name.startswith("script-src") or name == "default-src":
            assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, where
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    assert response.headers.get("Referrer-Policy") in ("no-referrer", "strict-origin-when-cross-origin"), where


def test_security_headers_on_every_kind_of_response(stack, loader_hashes):
    assets = sorted(p.name for p in stack.dist.iterdir() if p.name not in DOCUMENTS)
    assert assets
    cases = [("GET", "/"), ("GET", "/index.html"), ("GET", "/all-views.html"), ("GET", "/groups"),
             ("GET", "/explore?expr=up"), ("GET", "/job?job=a")]
    cases += [("GET", f"/{name}") for name in assets]
    cases += [
        ("GET", "/prometheus/api/v1/query?query=vector(1)"),   # proxied JSON
        ("GET", "/prometheus/api/v1/query?query=%3C"),          # proxied 400
        ("GET", "/pushgateway/api/v1/status"),
        ("GET", "/prometheus/graph"),                           # nginx 404
        ("POST", "/prometheus/api/v1/admin/tsdb/snapshot"),     # nginx 403
        ("PUT", "/pushgateway/metrics/job/x"),                  # nginx 405
        ("GET", "/no-such-asset-0123456789abcdef.js"),          # 404 in the asset location
    ]
    for method, path in cases:
        assert_security_headers(requests.request(method, f"{stack.base_url}{path}", timeout=TIMEOUT), loader_hashes)
    # 413 from the body size limit
    big = requests.post(f"{stack.base_url}/prometheus/api/v1/query", data={"query": "x" * 200_000},
                        timeout=TIMEOUT)
    assert big.status_code == 413
    assert_security_headers(big, loader_hashes)


@pytest.mark.parametrize("path", ["/", "/explore"])
def test_the_only_inline_script_is_trunk_s_loader_allowed_by_its_hash(stack, path):
    html = requests.get(f"{stack.base_url}{path}", timeout=TIMEOUT).text
    scripts = inline_scripts(html)
    assert len(scripts) == 1, f"one inline script expected (trunk's loader): {scripts}"
    attrs, body = scripts[0]
    assert re.search(r'type="?module', attrs) and "TrunkApplicationStarted" in body, body[:200]
    csp = csp_directives(requests.get(f"{stack.base_url}{path}", timeout=TIMEOUT).headers["Content-Security-Policy"])
    assert script_hashes(html)[0] in csp["script-src"]
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", html, re.I), "inline event handler"
    # trunk's preloads keep their integrity and match the served files
    for tag in re.findall(r"<link[^>]*>|<script[^>]*>", html):
        ref = re.search(r'(?:href|src)="(/[^"]+)"', tag)
        sri = re.search(r'integrity="(sha384-[^"]+)"', tag)
        if ref and sri:
            body = requests.get(f"{stack.base_url}{ref.group(1)}", timeout=TIMEOUT).content
            assert "sha384-" + base64.b64encode(hashlib.sha384(body).digest()).decode() == sri.group(1), tag


# ---- the console under the CSP ----

def csp_violations(browser):
    return [e["message"] for e in browser.get_log("browser")
            if "Content Security Policy" in e["message"] or "Refused" in e["message"]]


def open_view(browser, base_url, path):
    browser.get(base_url + path)
    settings = {"prometheus_base": "/prometheus", "pushgateway_base": "/pushgateway", "theme": "system",
                "stale_after_secs": 600, "per_job_stale_secs": {}}
    browser.execute_script("localStorage.setItem('gatewatch.settings', arguments[0]);", json.dumps(settings))
    browser.refresh()


def test_console_runs_under_the_csp_without_violations(browser, stack):
    push_group(stack.gateway, unique_job("csp"), {"e2e_value": 1})
    open_view(browser, stack.base_url, "/groups")
    WebDriverWait(browser, 20).until(  # "1 group: ..." or "N groups: ..."
        EC.text_to_be_present_in_element((By.CSS_SELECTOR, "p.summary"), " fresh"))
    assert browser.find_elements(By.CSS_SELECTOR, "table.groups tbody tr.group-row")
    browser.get(stack.base_url + "/explore?expr=vector(1)&tab=table")
    WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, "table.instant"))
    # the chart (canvas, tooltip and legend positioned with style attributes)
    browser.get(stack.base_url + "/explore?expr=vector(1)")
    WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".chart-plot canvas"))
    time.sleep(1)
    assert csp_violations(browser) == []


# ---- XSS: markup in gateway data and in Prometheus errors is text ----

def xss_fired(browser):
    return browser.execute_script("return typeof window.__xss !== 'undefined'")


def injected_elements(browser):
    # In the body, where the console renders (trunk's inline loader is in the head).
    return browser.execute_script(
        "return [...document.body.querySelectorAll('img[src=x], svg[onload], script:not([src]), [onerror], [onload]')]"
        ".map(e => e.outerHTML)")


def test_markup_in_groups_and_help_is_text(browser, stack):
    job = unique_job("xss") + PAYLOADS[0]
    registry = CollectorRegistry()
    Gauge("e2e_xss_value", "help " + PAYLOADS[1] + " " + PAYLOADS[2], registry=registry).set(1)
    push_to_gateway(stack.gateway, job=job, registry=registry,
                    grouping_key={"note": PAYLOADS[1], "quote": PAYLOADS[2]})
    assert find_group(stack.gateway_url, {"job": job, "note": PAYLOADS[1], "quote": PAYLOADS[2]})

    open_view(browser, stack.base_url, "/groups")
    wait = WebDriverWait(browser, 20)
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "p.summary"), " fresh"))

    def our_row():
        for tr in browser.find_elements(By.CSS_SELECTOR, "table.groups tbody tr.group-row"):
            if tr.find_element(By.TAG_NAME, "td").get_attribute("textContent") == job:
                return tr
        return None

    row = wait.until(lambda b: our_row())
    labels = row.find_elements(By.TAG_NAME, "td")[1].get_attribute("textContent")
    assert PAYLOADS[1] in labels and PAYLOADS[2] in labels
    row.find_element(By.XPATH, ".//button[contains(normalize-space(), 'metrics')]").click()
    details = wait.until(lambda b: [d for d in b.find_elements(By.CSS_SELECTOR, ".details")
                                    if "e2e_xss_value" in d.get_attribute("textContent")])
    text = details[0].get_attribute("textContent")
    assert PAYLOADS[1] in text and PAYLOADS[2] in text, text[:500]
    time.sleep(0.5)  # give an injected onerror/onload the chance to run
    assert not xss_fired(browser)
    assert injected_elements(browser) == []
    assert csp_violations(browser) == []
    requests.delete(f"{stack.gateway_url}{group_path({'job': job, 'note': PAYLOADS[1], 'quote': PAYLOADS[2]})}",
                    timeout=TIMEOUT)


@pytest.mark.parametrize("expr", [
    # Prometheus: an execution error (422) echoing the label name, the whole <img> element
    'label_replace(up, "' + PAYLOADS[0] + '", "", "", "")',
    # Prometheus: a parse error (400, bad_data) echoing the token, "unexpected <op:<>";
    # VictoriaMetrics echoes the whole expression
    PAYLOADS[1],
])
def test_markup_in_a_promql_error_is_text(browser, stack, expr):
    api = requests.get(f"{stack.base_url}/prometheus/api/v1/query", params={"query": expr}, timeout=TIMEOUT)
    if api.status_code == 200:
        pytest.skip(f"{stack.backend} accepts {expr!r}")
    assert api.status_code in (400, 422), api.text[:300]
    message = api.json()["error"]
    echoed = next((m for m in (*PAYLOADS, "<op:<>") if m in message), None)
    assert echoed, f"the error does not echo markup: {message}"
    open_view(browser, stack.base_url, "/explore?" + requests.compat.urlencode({"expr": expr, "tab": "table"}))
    box = WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".error-box"))[0]
    assert echoed in box.get_attribute("textContent")
    assert browser.find_element(By.ID, "expr").get_attribute("value") == expr
    time.sleep(0.5)  # give an injected onerror/onload the chance to run
    assert not xss_fired(browser)
    assert injected_elements(browser) == []
    assert csp_violations(browser) == []


# ---- the proxy's doors ----

ALLOWED = [
    ("GET", "/prometheus/api/v1/query?query=vector(1)"),
    ("POST", "/prometheus/api/v1/query", {"query": "vector(1)"}),
    ("GET", "/prometheus/api/v1/query_range?query=vector(1)&start=0&end=60&step=15"),
    ("POST", "/prometheus/api/v1/query_range", {"query": "vector(1)", "start": "0", "end": "60", "step": "15"}),
    ("GET", "/prometheus/api/v1/series?match[]=up"),
    ("POST", "/prometheus/api/v1/series", {"match[]": "up"}),
    ("GET", "/prometheus/api/v1/labels"),
    ("POST", "/prometheus/api/v1/labels", {}),
    ("GET", "/prometheus/api/v1/label/job/values"),
    ("GET", "/prometheus/api/v1/label/__name__/values?match%5B%5D=%7Bjob%3D%22x%22%7D"),
    ("GET", "/prometheus/api/v1/targets?state=active"),
    ("GET", "/prometheus/api/v1/status/buildinfo"),
    ("GET", "/prometheus/-/ready"),
    ("GET", "/pushgateway/api/v1/metrics"),
    ("GET", "/pushgateway/api/v1/status"),
    ("GET", "/pushgateway/metrics"),
    ("GET", "/pushgateway/-/ready"),
]


@pytest.mark.parametrize("case", ALLOWED, ids=lambda c: f"{c[0]} {c[1]}")
def test_console_endpoints_pass(stack, case):
    method, path = case[0], case[1]
    data = case[2] if len(case) > 2 else None
    response = requests.request(method, f"{stack.base_url}{path}", data=data, timeout=TIMEOUT)
    assert response.status_code == 200, response.text[:300]


def test_delete_of_a_group_passes(stack):
    job = unique_job("door")
    push_group(stack.gateway, job, {"e2e_value": 1})
    response = requests.delete(f"{stack.base_url}/pushgateway{group_path({'job': job})}", timeout=TIMEOUT)
    assert response.status_code == 202
    wait_until(lambda: find_group(stack.gateway_url, {"job": job}) is None, what="the group to go")


REFUSED = [
    ("POST", "/prometheus/api/v1/admin/tsdb/delete_series?match[]=up"),
    ("PUT", "/prometheus/api/v1/admin/tsdb/delete_series?match[]=up"),
    ("POST", "/prometheus/api/v1/admin/tsdb/clean_tombstones"),
    ("POST", "/prometheus/-/quit"),
    ("PUT", "/prometheus/-/quit"),
    ("POST", "/prometheus/-/reload"),
    ("GET", "/prometheus/api/v1/status/config"),
    ("GET", "/prometheus/api/v1/status/flags"),
    ("GET", "/prometheus/api/v1/targets/metadata"),
    ("POST", "/prometheus/api/v1/write"),
    ("POST", "/prometheus/api/v1/otlp/v1/metrics"),
    ("PUT", "/prometheus/api/v1/query"),
    ("DELETE", "/prometheus/api/v1/series?match[]=up"),
    ("GET", "/prometheus/federate?match[]=up"),
    ("GET", "/prometheus/metrics"),
    ("POST", "/pushgateway/-/quit"),
    ("PUT", "/pushgateway/-/quit"),
    ("PUT", "/pushgateway/metrics/job/e2e-refused"),
    ("POST", "/pushgateway/metrics/job/e2e-refused"),
    ("PUT", "/pushgateway/api/v1/admin/wipe"),
    ("GET", "/pushgateway/api/v1/other"),
    ("POST", "/pushgateway/api/v1/metrics"),
    ("DELETE", "/pushgateway/api/v1/metrics"),
    ("DELETE", "/pushgateway/metrics"),
    ("PUT", "/pushgateway-2/metrics/job/e2e-refused"),
    ("PUT", "/pushgateway-2/api/v1/admin/wipe"),
    ("POST", "/pushgateway-2/-/quit"),
    ("GET", "/pushgateway-2/api/v1/other"),
]


@pytest.mark.parametrize("method,path", REFUSED)
def test_other_requests_are_refused(stack, method, path):
    body = "# TYPE e2e_refused gauge\ne2e_refused 1\n" if method in ("PUT", "POST") else None
    response = requests.request(method, f"{stack.base_url}{path}", data=body, timeout=TIMEOUT)
    assert response.status_code in (403, 404, 405), (response.status_code, response.text[:200])
    if "e2e-refused" in path:
        assert find_group(stack.gateway_url, {"job": "e2e-refused"}) is None


# ---- request size limits ----

def test_prometheus_post_body_limit(stack):
    ok = requests.post(f"{stack.base_url}/prometheus/api/v1/query",
                       data={"query": "vector(1)" + " " * 50_000}, timeout=TIMEOUT)
    assert ok.status_code == 200, ok.text[:200]
    too_big = requests.post(f"{stack.base_url}/prometheus/api/v1/query",
                            data={"query": "vector(1)" + " " * 70_000}, timeout=TIMEOUT)
    assert too_big.status_code == 413


def test_delete_and_other_bodies_are_limited(stack):
    job = unique_job("size")
    push_group(stack.gateway, job, {"e2e_value": 1})
    response = requests.delete(f"{stack.base_url}/pushgateway{group_path({'job': job})}",
                               data="x" * 4096, timeout=TIMEOUT)
    assert response.status_code == 413
    time.sleep(0.3)
    assert find_group(stack.gateway_url, {"job": job}) is not None
    big_get = requests.request("GET", f"{stack.base_url}/pushgateway/api/v1/metrics", data="x" * 4096,
                               timeout=TIMEOUT)
    assert big_get.status_code == 413


# ---- a stack of its own: basic auth for deletes, persistence across a restart ----

@pytest.fixture(scope="module")
def own_stack(stack, tmp_path_factory):
    base = int(os.environ.get("GATEWATCH_E2E_SEC_PORT_BASE", "29290"))
    run_dir = Path(os.environ.get("GATEWATCH_E2E_SEC_RUN_DIR", ROOT / ".run/e2e-security")).resolve()
    htpasswd = tmp_path_factory.mktemp("auth") / "delete.htpasswd"
    htpasswd.write_text("deleter:{PLAIN}s3cret-pass\n")
    env = {
        **os.environ,
        "GATEWATCH_PROMETHEUS_PORT": str(base), "GATEWATCH_PUSHGATEWAY_PORT": str(base + 1),
        "GATEWATCH_PUSHGATEWAY_2_PORT": str(base + 2), "GATEWATCH_HTTP_PORT": str(base + 3),
        "GATEWATCH_DIST": str(stack.dist), "GATEWATCH_SIMULATOR": "0", "GATEWATCH_WINDMILL_SIM": "0",
        "GATEWATCH_SECOND_GATEWAY": "1", "GATEWATCH_BACKEND": "prometheus",
        "GATEWATCH_DELETE_HTPASSWD": str(htpasswd),
    }
    env.pop("GATEWATCH_PUSHGATEWAY_ARGS", None)
    stack_sh("stack_stop", run_dir, env)
    shutil.rmtree(run_dir, ignore_errors=True)
    started = stack_sh("stack_start", run_dir, env)
    assert started.returncode == 0, started.stdout + started.stderr
    info = {"env": env, "run_dir": run_dir, "base_url": f"http://127.0.0.1:{base + 3}",
            "gateway": f"127.0.0.1:{base + 1}", "gateway_url": f"http://127.0.0.1:{base + 1}",
            "gateway2": f"127.0.0.1:{base + 2}", "gateway2_url": f"http://127.0.0.1:{base + 2}"}
    try:
        yield info
    finally:
        stopped = stack_sh("stack_stop", run_dir, env)
        if stopped.returncode != 0:
            print(f"stack_stop failed:\n{stopped.stdout}{stopped.stderr}")


AUTH = ("deleter", "s3cret-pass")


@pytest.mark.parametrize("prefix,gw", [("/pushgateway", "gateway"), ("/pushgateway-2", "gateway2")])
def test_deletes_need_basic_auth_when_configured(own_stack, loader_hashes, prefix, gw):
    base, gateway, gateway_url = own_stack["base_url"], own_stack[gw], own_stack[gw + "_url"]
    job = unique_job("auth")
    push_group(gateway, job, {"e2e_value": 1})
    url = f"{base}{prefix}{group_path({'job': job})}"

    anonymous = requests.delete(url, timeout=TIMEOUT)
    assert anonymous.status_code == 401
    assert anonymous.headers["WWW-Authenticate"].startswith("Basic realm=")
    assert_security_headers(anonymous, loader_hashes)
    wrong = requests.delete(url, auth=("deleter", "wrong"), timeout=TIMEOUT)
    assert wrong.status_code == 401
    time.sleep(0.3)
    assert find_group(gateway_url, {"job": job}) is not None

    # reads stay open
    assert requests.get(f"{base}{prefix}/api/v1/metrics", timeout=TIMEOUT).status_code == 200
    assert requests.get(f"{base}{prefix}/metrics", timeout=TIMEOUT).status_code == 200
    assert requests.get(f"{base}/prometheus/api/v1/query?query=up", timeout=TIMEOUT).status_code == 200
    # refused doors stay refused, with or without credentials
    assert requests.put(url, data="x 1\n", auth=AUTH, timeout=TIMEOUT).status_code == 405

    # The bulk delete asks for the same credentials (its own deletes are nginx subrequests).
    bulk_url = f"{base}{prefix}/gatewatch/bulk-delete"
    batch = {"groups": [{"path": group_path({"job": job}), "labels": {"job": job},
                         "push_time": None, "push_failure_time": None}]}
    for auth in (None, ("deleter", "wrong")):
        refused = requests.post(bulk_url, json=batch, auth=auth, timeout=TIMEOUT)
        assert refused.status_code == 401, refused.text
    time.sleep(0.3)
    assert find_group(gateway_url, {"job": job}) is not None
    # With credentials: the group was pushed after "the preview" (no push time), so it is kept.
    kept = requests.post(bulk_url, json=batch, auth=AUTH, timeout=TIMEOUT)
    assert kept.status_code == 200 and kept.json()["data"] == [{"outcome": "pushed_again"}], kept.text

    assert requests.delete(url, auth=AUTH, timeout=TIMEOUT).status_code == 202
    wait_until(lambda: find_group(gateway_url, {"job": job}) is None, what="the group to go")


def test_groups_survive_a_restart_of_the_stack(own_stack):
    env, run_dir = own_stack["env"], own_stack["run_dir"]
    job = unique_job("persist")
    push_group(own_stack["gateway"], job, {"e2e_value": 42}, grouping_key={"instance": "w1"})
    assert find_group(own_stack["gateway_url"], {"job": job, "instance": "w1"})

    stopped = stack_sh("stack_stop", run_dir, env)
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    # the gateway writes its persistence file on a clean SIGTERM (the periodic write is every 5m)
    assert (run_dir / "pushgateway.data").stat().st_size > 0
    started = stack_sh("stack_start", run_dir, env)
    assert started.returncode == 0, started.stdout + started.stderr

    response = requests.get(f"{own_stack['base_url']}/pushgateway/api/v1/metrics", timeout=TIMEOUT)
    groups = [g for g in response.json()["data"] if g["labels"].get("job") == job]
    assert [g["labels"] for g in groups] == [{"job": job, "instance": "w1"}]
    assert groups[0]["e2e_value"]["metrics"][0]["value"] == "42"

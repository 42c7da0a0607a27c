"""nginx in front of the console: static files, and what it lets through to Prometheus and the
Pushgateway (read groups and delete them; never push or wipe)."""
import time

import pytest
import requests

from helpers import find_group, gateway_groups, group_path, push_group, unique_job, wait_until

TIMEOUT = 10


# ---- the single-page app ----

def test_index_is_served_at_root(stack):
    response = requests.get(f"{stack.base_url}/", timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.text == (stack.dist / "index.html").read_text()


@pytest.mark.parametrize("path", ["/groups", "/charts/some/deep/path?metric=x&job=a%2Fb", "/index.html"])
def test_unknown_spa_paths_get_index(stack, path):
    response = requests.get(f"{stack.base_url}{path}", timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.text == (stack.dist / "index.html").read_text()


def test_wasm_is_application_wasm_gzipped_and_cached(stack):
    wasm = sorted(stack.dist.glob("*.wasm"))
    assert wasm, f"no .wasm in {stack.dist}"
    response = requests.get(f"{stack.base_url}/{wasm[0].name}", timeout=TIMEOUT,
                            headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/wasm"
    assert response.headers.get("Content-Encoding") == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    assert response.content == wasm[0].read_bytes()  # requests un-gzips


@pytest.mark.parametrize("pattern", ["*.wasm", "*.js", "*.css", "index.html"])
def test_static_files_go_out_as_their_precompressed_copy(stack, pattern):
    """gzip_static: the build's zopfli .gz goes over the wire byte for byte (not nginx's level-1
    gzip of the file), so the transfer size is the one bench/RESULTS.md reports."""
    path = sorted(stack.dist.glob(pattern))[0]
    precompressed = path.with_name(path.name + ".gz")
    assert precompressed.is_file(), f"the build did not precompress {path.name}"
    url = f"{stack.base_url}/{path.name}"
    with requests.get(url, timeout=TIMEOUT, headers={"Accept-Encoding": "gzip"}, stream=True) as response:
        assert response.status_code == 200
        assert response.headers.get("Content-Encoding") == "gzip"
        on_the_wire = response.raw.read(decode_content=False)
    assert on_the_wire == precompressed.read_bytes()
    plain = requests.get(url, timeout=TIMEOUT, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert plain.content == path.read_bytes()


def test_javascript_is_gzipped(stack):
    js = sorted(stack.dist.glob("*.js"))
    assert js, f"no .js in {stack.dist}"
    response = requests.get(f"{stack.base_url}/{js[0].name}", timeout=TIMEOUT,
                            headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "javascript" in response.headers["Content-Type"]
    assert response.headers.get("Content-Encoding") == "gzip"


# ---- Prometheus ----

def test_prometheus_query_get(stack):
    response = requests.get(f"{stack.base_url}/prometheus/api/v1/query",
                            params={"query": "vector(42)"}, timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["status"] == "success"
    assert body["data"]["result"][0]["value"][1] == "42"


def test_prometheus_long_query_post(stack):
    expr = "vector(1)" + " + vector(0)" * 2000  # ~24 KB: too long for a URL
    response = requests.post(f"{stack.base_url}/prometheus/api/v1/query",
                             data={"query": expr}, timeout=TIMEOUT)
    assert response.status_code == 200, response.text[:300]
    assert response.json()["data"]["result"][0]["value"][1] == "1"


def test_prometheus_buildinfo_and_ready(stack):
    info = requests.get(f"{stack.base_url}/prometheus/api/v1/status/buildinfo", timeout=TIMEOUT)
    assert info.json()["data"]["version"]
    assert requests.get(f"{stack.base_url}/prometheus/-/ready", timeout=TIMEOUT).status_code == 200


@pytest.mark.parametrize("method,path,status", [
    ("DELETE", "/prometheus/api/v1/query", 405),
    ("POST", "/prometheus/-/quit", 405),
    ("POST", "/prometheus/api/v1/admin/tsdb/snapshot", 403),
    ("GET", "/prometheus/graph", 404),
])
def test_prometheus_other_requests_are_refused(stack, method, path, status):
    assert requests.request(method, f"{stack.base_url}{path}", timeout=TIMEOUT).status_code == status


def test_prometheus_scrapes_gateway_as_exported_job(stack):
    """prometheus.yml as in the Windmill tutorial: no honor_labels, so job -> exported_job."""
    job = unique_job()
    push_group(stack.gateway, job, {"job_records_processed": 7})
    query = f'job_records_processed{{exported_job="{job}", job="prometheus_gateway"}}'

    def scraped():
        body = requests.get(f"{stack.base_url}/prometheus/api/v1/query",
                            params={"query": query}, timeout=TIMEOUT).json()
        return body["data"]["result"]

    result = wait_until(scraped, timeout=20, what=f"Prometheus to scrape {query}")
    assert result[0]["value"][1] == "7"


# ---- Pushgateway: reads ----

def test_gateway_metrics_and_status(stack):
    job = unique_job()
    push_group(stack.gateway, job, {"e2e_value": 3}, grouping_key={"instance": "w1"})
    response = requests.get(f"{stack.base_url}/pushgateway/api/v1/metrics", timeout=TIMEOUT)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    groups = [g for g in response.json()["data"] if g["labels"].get("job") == job]
    assert [g["labels"] for g in groups] == [{"job": job, "instance": "w1"}]

    status = requests.get(f"{stack.base_url}/pushgateway/api/v1/status", timeout=TIMEOUT)
    assert status.status_code == 200
    assert status.json()["data"]["build_information"]["version"]


def test_job_paths_with_slashes_keep_the_full_path(stack):
    job = "u/admin/random_number_metric_script-" + unique_job().split("/")[1]
    push_group(stack.gateway, job, {"job_records_processed": 1})
    assert find_group(stack.gateway_url, {"job": job}) is not None


# ---- Pushgateway: delete ----

def test_delete_group_whose_job_contains_slashes(stack):
    job = unique_job("f/etl")
    target = {"job": job, "instance": "wm-worker-1", "tag": "region/eu-west"}
    sibling = {"job": job, "instance": "wm-worker-2", "tag": "region/eu-west"}
    for labels in (target, sibling):
        push_group(stack.gateway, job, {"e2e_value": 1},
                   grouping_key={k: v for k, v in labels.items() if k != "job"})
    assert find_group(stack.gateway_url, target) and find_group(stack.gateway_url, sibling)

    response = requests.delete(f"{stack.base_url}/pushgateway{group_path(target)}", timeout=TIMEOUT)
    assert response.status_code == 202
    wait_until(lambda: find_group(stack.gateway_url, target) is None, what="the group to go")
    assert find_group(stack.gateway_url, sibling) is not None  # exactly that group


def test_delete_keeps_percent_encoding_intact(stack):
    """nginx passes the raw URI on: a plain, percent-encoded value reaches the gateway as sent."""
    job = unique_job()
    labels = {"job": job, "note": "50% a b"}
    push_group(stack.gateway, job, {"e2e_value": 1}, grouping_key={"note": "50% a b"})
    assert find_group(stack.gateway_url, labels)
    path = group_path({"job": job}) + "/note/50%25%20a%20b"
    response = requests.delete(f"{stack.base_url}/pushgateway{path}", timeout=TIMEOUT)
    assert response.status_code == 202
    wait_until(lambda: find_group(stack.gateway_url, labels) is None, what="the group to go")


def test_delete_group_with_empty_label_value(stack):
    """An empty grouping label value is its own group on the gateway, written '=' in the path."""
    job = unique_job()
    target, sibling = {"job": job, "shard": ""}, {"job": job}
    push_group(stack.gateway, job, {"e2e_value": 1}, grouping_key={"shard": ""})
    push_group(stack.gateway, job, {"e2e_value": 1})
    assert find_group(stack.gateway_url, target) and find_group(stack.gateway_url, sibling)
    path = group_path(target)
    assert path.endswith("/shard@base64/=")
    assert requests.delete(f"{stack.base_url}/pushgateway{path}", timeout=TIMEOUT).status_code == 202
    wait_until(lambda: find_group(stack.gateway_url, target) is None, what="the group to go")
    assert find_group(stack.gateway_url, sibling) is not None


# ---- Pushgateway: refused ----

PUSH_BODY = "# TYPE e2e_pushed gauge\ne2e_pushed 99\n"


@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_pushes_are_refused(stack, method):
    job = unique_job()
    push_group(stack.gateway, job, {"e2e_pushed": 1})
    before = find_group(stack.gateway_url, {"job": job})
    for path in (group_path({"job": job}), group_path({"job": unique_job()})):
        response = requests.request(method, f"{stack.base_url}/pushgateway{path}",
                                    data=PUSH_BODY, timeout=TIMEOUT)
        assert response.status_code in (403, 405), response.text[:200]
    time.sleep(0.5)
    after = find_group(stack.gateway_url, {"job": job})
    assert after["e2e_pushed"] == before["e2e_pushed"]
    assert after["push_time_seconds"] == before["push_time_seconds"]
    assert len([g for g in gateway_groups(stack.gateway_url) if g["labels"]["job"] == job]) == 1


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE", "GET"])
def test_wipe_is_refused(stack, method):
    job = unique_job()
    push_group(stack.gateway, job, {"e2e_value": 1})
    count = len(gateway_groups(stack.gateway_url))
    response = requests.request(method, f"{stack.base_url}/pushgateway/api/v1/admin/wipe",
                                timeout=TIMEOUT)
    assert response.status_code in (403, 405)
    time.sleep(0.5)
    assert find_group(stack.gateway_url, {"job": job}) is not None
    assert len(gateway_groups(stack.gateway_url)) >= count


@pytest.mark.parametrize("method,path", [
    ("PUT", "/pushgateway/api/v1/metrics"),
    ("DELETE", "/pushgateway/api/v1/metrics"),
    ("POST", "/pushgateway/-/quit"),
    ("PUT", "/pushgateway/metrics"),
])
def test_gateway_other_writes_are_refused(stack, method, path):
    response = requests.request(method, f"{stack.base_url}{path}", timeout=TIMEOUT)
    assert response.status_code in (403, 405)

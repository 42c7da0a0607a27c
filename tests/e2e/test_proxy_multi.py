"""nginx's second gateway prefix, /pushgateway-2/: the same rules as /pushgateway/ (read groups,
delete groups; never push or wipe), reaching the stack's second gateway (GATEWATCH_SECOND_GATEWAY=1,
which conftest turns on) - and, in a stack without one, a plain 502 that breaks nothing else."""
import os
import signal
import socket
import subprocess
import time

import pytest
import requests

from helpers import find_group, gateway_groups, group_path, push_group, unique_job, wait_until

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIMEOUT = 10
PUSH_BODY = "# TYPE e2e_pushed gauge\ne2e_pushed 99\n"


@pytest.fixture(scope="module")
def multi(stack):
    if not stack.gateway2:
        pytest.skip("the stack runs without a second gateway (GATEWATCH_E2E_SECOND_GATEWAY=0)")
    return stack


def groups_via(base_url, prefix):
    response = requests.get(f"{base_url}{prefix}/api/v1/metrics", timeout=TIMEOUT)
    assert response.status_code == 200, response.text[:200]
    assert response.headers["Content-Type"].startswith("application/json")
    return response.json()["data"]


def jobs_via(stack, prefix):
    return {g["labels"]["job"] for g in groups_via(stack.base_url, prefix)}


# ---- reads reach the right gateway ----

def test_each_prefix_reads_its_own_gateway(multi):
    first, second = unique_job("e2e-gw1"), unique_job("e2e-gw2")
    push_group(multi.gateway, first, {"e2e_value": 1})
    push_group(multi.gateway2, second, {"e2e_value": 2})
    assert first in jobs_via(multi, "/pushgateway") and second not in jobs_via(multi, "/pushgateway")
    assert second in jobs_via(multi, "/pushgateway-2") and first not in jobs_via(multi, "/pushgateway-2")
    status = requests.get(f"{multi.base_url}/pushgateway-2/api/v1/status", timeout=TIMEOUT)
    assert status.status_code == 200 and status.json()["data"]["build_information"]["version"]
    assert requests.get(f"{multi.base_url}/pushgateway-2/-/ready", timeout=TIMEOUT).status_code == 200
    exposition = requests.get(f"{multi.base_url}/pushgateway-2/metrics", timeout=TIMEOUT)
    assert exposition.status_code == 200 and second in exposition.text


def test_second_gateway_is_scraped_as_another_gateway_target(multi):
    job = unique_job("e2e-gw2")
    push_group(multi.gateway2, job, {"job_records_processed": 3})

    def scraped():
        body = requests.get(f"{multi.base_url}/prometheus/api/v1/query", timeout=TIMEOUT,
                            params={"query": f'job_records_processed{{exported_job="{job}"}}'}).json()
        return body["data"]["result"]

    [series] = wait_until(scraped, timeout=40, what="the second gateway's group in the backend")
    assert series["metric"]["job"] == "prometheus_gateway"
    assert series["metric"]["instance"] == multi.gateway2


# ---- delete ----

def test_delete_through_second_prefix_removes_only_that_gateways_group(multi):
    job = unique_job("f/etl")
    labels = {"job": job, "instance": "wm-worker-1", "tag": "region/eu-west"}
    grouping = {k: v for k, v in labels.items() if k != "job"}
    push_group(multi.gateway, job, {"e2e_value": 1}, grouping_key=grouping)
    push_group(multi.gateway2, job, {"e2e_value": 1}, grouping_key=grouping)
    assert find_group(multi.gateway_url, labels) and find_group(multi.gateway2_url, labels)

    response = requests.delete(f"{multi.base_url}/pushgateway-2{group_path(labels)}", timeout=TIMEOUT)
    assert response.status_code == 202
    wait_until(lambda: find_group(multi.gateway2_url, labels) is None, what="the group to go")
    assert find_group(multi.gateway_url, labels) is not None  # the same group on the first gateway


def test_delete_keeps_percent_encoding_intact_on_second_prefix(multi):
    job = unique_job()
    labels = {"job": job, "note": "50% a b"}
    push_group(multi.gateway2, job, {"e2e_value": 1}, grouping_key={"note": "50% a b"})
    assert find_group(multi.gateway2_url, labels)
    path = group_path({"job": job}) + "/note/50%25%20a%20b"
    assert requests.delete(f"{multi.base_url}/pushgateway-2{path}", timeout=TIMEOUT).status_code == 202
    wait_until(lambda: find_group(multi.gateway2_url, labels) is None, what="the group to go")


# ---- refused ----

@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_pushes_are_refused_on_second_prefix(multi, method):
    job = unique_job()
    push_group(multi.gateway2, job, {"e2e_pushed": 1})
    before = find_group(multi.gateway2_url, {"job": job})
    for path in (group_path({"job": job}), group_path({"job": unique_job()})):
        response = requests.request(method, f"{multi.base_url}/pushgateway-2{path}",
                                    data=PUSH_BODY, timeout=TIMEOUT)
        assert response.status_code in (403, 405), response.text[:200]
    time.sleep(0.5)
    after = find_group(multi.gateway2_url, {"job": job})
    assert after["e2e_pushed"] == before["e2e_pushed"]
    assert after["push_time_seconds"] == before["push_time_seconds"]
    assert len([g for g in gateway_groups(multi.gateway2_url) if g["labels"]["job"] == job]) == 1


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE", "GET"])
def test_wipe_is_refused_on_second_prefix(multi, method):
    """The second gateway runs with --web.enable-admin-api too: nginx is what refuses."""
    job = unique_job()
    push_group(multi.gateway2, job, {"e2e_value": 1})
    response = requests.request(method, f"{multi.base_url}/pushgateway-2/api/v1/admin/wipe",
                                timeout=TIMEOUT)
    assert response.status_code in (403, 405)
    time.sleep(0.5)
    assert find_group(multi.gateway2_url, {"job": job}) is not None


@pytest.mark.parametrize("method,path,status", [
    ("PUT", "/pushgateway-2/api/v1/metrics", (405,)),
    ("DELETE", "/pushgateway-2/api/v1/metrics", (405,)),
    ("POST", "/pushgateway-2/-/quit", (405,)),
    ("PUT", "/pushgateway-2/-/quit", (405,)),
    ("PUT", "/pushgateway-2/metrics", (405,)),
    ("DELETE", "/pushgateway-2/metrics", (405,)),
    ("GET", "/pushgateway-2/", (404,)),
    ("GET", "/pushgateway-2/static/index.js", (404,)),
    ("GET", "/pushgateway-3/api/v1/metrics", (200,)),  # no third prefix: the SPA's index.html
])
def test_second_prefix_other_requests(multi, method, path, status):
    response = requests.request(method, f"{multi.base_url}{path}", timeout=TIMEOUT)
    assert response.status_code in status, (response.status_code, response.text[:200])
    if status == (200,):
        assert response.headers["Content-Type"].startswith("text/html")


# ---- no second gateway: 502, and everything else as before ----

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def single(stack, tmp_path_factory):
    """nginx alone, rendered by stack.sh as a stack WITHOUT a second gateway, in front of the
    test stack's backend and first gateway."""
    run = tmp_path_factory.mktemp("single-gateway")
    (run / "nginx-tmp").mkdir()
    port = free_port()
    prom_port, gw_port = stack.prometheus_url.rsplit(":", 1)[1], stack.gateway.rsplit(":", 1)[1]
    subprocess.run(["bash", "-c", f'set -euo pipefail; . "$0/scripts/lib/stack.sh"; '
                                  f'_stack_render "$1" {prom_port} {gw_port} {port} "$2"',
                    ROOT, str(run), str(stack.dist)], check=True, timeout=30)
    nginx = "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else "nginx"
    args = [nginx, "-p", str(run), "-e", str(run / "nginx-error.log"), "-c", str(run / "nginx.conf")]
    subprocess.run(args + ["-t", "-q"], check=True, timeout=30)
    proc = subprocess.Popen(args + ["-g", "daemon off;"], start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _answers(base), timeout=10, what="nginx to listen")
        yield base, run
    finally:
        proc.send_signal(signal.SIGTERM)  # nginx's master stops its workers
        proc.wait(timeout=10)


def _answers(base):
    try:
        return requests.get(f"{base}/", timeout=1).status_code == 200
    except requests.ConnectionError:
        return False


@pytest.mark.parametrize("path", ["/pushgateway-2/api/v1/metrics", "/pushgateway-2/metrics",
                                  "/pushgateway-2/-/ready"])
def test_without_second_gateway_the_prefix_answers_502(single, path):
    base, run = single
    response = requests.get(f"{base}{path}", timeout=TIMEOUT)
    assert response.status_code == 502
    assert "no-second-gateway.sock" in (run / "nginx-error.log").read_text()


@pytest.mark.parametrize("method,path,status", [
    ("PUT", "/pushgateway-2/metrics/job/x", 405),
    ("POST", "/pushgateway-2/api/v1/metrics", 405),
    ("PUT", "/pushgateway-2/api/v1/admin/wipe", 403),
])
def test_without_second_gateway_writes_are_still_refused(single, method, path, status):
    base, _ = single
    assert requests.request(method, f"{base}{path}", data=PUSH_BODY, timeout=TIMEOUT).status_code == status


def test_without_second_gateway_the_first_one_works(single, stack):
    base, _ = single
    job = unique_job()
    push_group(stack.gateway, job, {"e2e_value": 1})
    assert job in {g["labels"]["job"] for g in groups_via(base, "/pushgateway")}
    assert requests.get(f"{base}/prometheus/api/v1/query", params={"query": "vector(1)"},
                        timeout=TIMEOUT).json()["status"] == "success"

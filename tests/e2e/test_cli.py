"""The native command `gatewatch` (cli/) against the real Pushgateway of the e2e stack: the
groups table and its JSON, `clean` (dry run, refusal without --yes off a terminal, the delete
with its re-check and verified outcome), `delete` of one exact key and of every group of a job
with tricky label values, and bad input: a gateway down, an HTML error page, a cut-off answer, an
invalid duration, an unknown flag — each a clear one-line message and exit code 1 or 2, nothing
deleted. The binary is cargo's debug build (GATEWATCH_CLI overrides)."""
import json
import os
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from helpers import find_group, gateway_groups, push_group, unique_job
from loopback_http import LoopbackServer

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(os.environ.get("GATEWATCH_CLI", ROOT / "target/debug/gatewatch"))
TRICKY = ["a/b", "50%", 'say "hi"', "ü ✓", ""]


@pytest.fixture(scope="module", autouse=True)
def built():
    if not CLI.is_file():
        pytest.exit(f"no {CLI}: cargo build -p gatewatch-cli first", 1)


def gatewatch(*args, gateway=None, stdin=subprocess.DEVNULL, timeout=60):
    env = {**os.environ, "GATEWATCH_GATEWAY": gateway or ""}
    if gateway is None:
        env.pop("GATEWATCH_GATEWAY")
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, env=env, stdin=stdin,
                          timeout=timeout)


def jobs_of(stack):
    return sorted(g["labels"]["job"] for g in gateway_groups(stack.gateway_url))


def test_groups_lists_every_group_with_its_status(clean_gateway):
    stack = clean_gateway
    old, fresh = unique_job("f/cli-old"), unique_job("f/cli fresh ü")
    push_group(stack.gateway, old, {"job_records_processed": 1}, {"tag": "50%/x"})
    time.sleep(2.5)
    push_group(stack.gateway, fresh, {"job_records_processed": 2}, {"empty": ""})
    out = gatewatch("groups", "--stale-after", "2s", "--json", gateway=stack.gateway_url)
    assert out.returncode == 0, out.stderr
    groups = {g["job"]: g for g in json.loads(out.stdout)}
    assert groups[old]["status"] == "stale" and groups[fresh]["status"] == "fresh", groups
    assert groups[old]["labels"]["tag"] == "50%/x" and groups[fresh]["labels"]["empty"] == ""
    assert groups[old]["gateway"] == stack.gateway_url and groups[old]["last_push"] > 1e9
    table = gatewatch("groups", "--stale-after", "2s", "--status", "stale", gateway=stack.gateway_url)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert "Job" in lines[1] and "Status" in lines[1] and "Last push" in lines[1], table.stdout
    assert old in table.stdout and fresh not in table.stdout and "tag=50%/x" in table.stdout
    assert lines[-1] == "1 groups"
    assert "empty=(empty)" in gatewatch("groups", "--filter", "cli fresh", gateway=stack.gateway_url).stdout


def test_clean_previews_refuses_without_yes_then_deletes_only_stale_groups(clean_gateway):
    stack = clean_gateway
    stale = [unique_job("f/cli-stale") for _ in range(3)]
    for i, job in enumerate(stale):
        push_group(stack.gateway, job, {"job_records_processed": i}, {"v": TRICKY[i]})
    time.sleep(2.5)
    fresh = unique_job("f/cli-keep")
    push_group(stack.gateway, fresh, {"job_records_processed": 1})
    before = jobs_of(stack)

    dry = gatewatch("clean", "--older-than", "2s", "--dry-run", gateway=stack.gateway_url)
    assert dry.returncode == 0 and "Dry run: 3 groups would be deleted." in dry.stdout, dry
    refused = gatewatch("clean", "--older-than", "2s", gateway=stack.gateway_url)
    assert refused.returncode == 1 and "--yes" in refused.stderr, refused
    assert jobs_of(stack) == before, "nothing deleted without --yes"

    done = gatewatch("clean", "--older-than", "2s", "--yes", "--json", gateway=stack.gateway_url)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["report"] == {"deleted": 3, "kept": 0, "already_gone": 0, "failed": 0}, answer
    assert sorted(o["labels"]["job"] for o in answer["outcomes"]) == sorted(stale)
    assert {o["outcome"] for o in answer["outcomes"]} == {"deleted"}
    assert jobs_of(stack) == [fresh], "verified gone, and the fresh group kept"


def test_clean_filters_by_job_glob_and_label(clean_gateway):
    stack = clean_gateway
    push_group(stack.gateway, "u/admin/one", {"m": 1}, {"team": "a"})
    push_group(stack.gateway, "u/admin/two", {"m": 1}, {"team": "b"})
    push_group(stack.gateway, "f/other", {"m": 1}, {"team": "a"})
    time.sleep(2.5)
    out = gatewatch("clean", "--older-than", "2s", "--job", "u/admin/*", "--label", "team=a", "--yes",
                    gateway=stack.gateway_url)
    assert out.returncode == 0, out.stderr
    assert "1 deleted" in out.stdout, out.stdout
    assert jobs_of(stack) == ["f/other", "u/admin/two"]


def test_delete_all_groups_of_a_job_leaves_other_jobs_untouched(clean_gateway):
    stack = clean_gateway
    job = unique_job("f/cli-all")
    for i, value in enumerate(TRICKY):
        push_group(stack.gateway, job, {"m": i}, {"k": value})
    others = [unique_job(f"f/cli-other{i}") for i in range(3)]
    for other in others:
        push_group(stack.gateway, other, {"m": 1}, {"k": "a/b"})
    out = gatewatch("delete", "--job", job, "--all-groups", "--yes", "--json", gateway=stack.gateway_url)
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["report"]["deleted"] == 5, answer
    assert jobs_of(stack) == sorted(others)


def test_delete_one_exact_key(clean_gateway):
    stack = clean_gateway
    job = unique_job("f/cli-one")
    push_group(stack.gateway, job, {"m": 1}, {"k": "a/b"})
    push_group(stack.gateway, job, {"m": 1}, {"k": "50%"})
    out = gatewatch("delete", "--job", job, "--label", "k=a/b", "--yes", gateway=stack.gateway_url)
    assert out.returncode == 0, out.stderr
    assert find_group(stack.gateway_url, {"job": job, "k": "a/b"}) is None
    assert find_group(stack.gateway_url, {"job": job, "k": "50%"}) is not None
    missing = gatewatch("delete", "--job", "no/such/job", "--yes", gateway=stack.gateway_url)
    assert missing.returncode == 0 and "nothing to delete" in missing.stdout


class Broken(BaseHTTPRequestHandler):
    """A "gateway" that answers an HTML error page or a cut-off JSON list."""

    def do_GET(self):
        if self.owner.mode == "html":
            body = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
            self.send_response(502)
            self.send_header("Content-Type", "text/html")
        else:
            body = b'{"status":"success","data":[{"labels":{"job":"a"'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("mode,words", [("html", "HTTP 502"), ("cut", "Malformed answer")])
def test_a_broken_gateway_is_one_clear_line_and_exit_1(mode, words):
    server = LoopbackServer(18997, Broken)
    server.mode = mode
    server.start()
    try:
        for args in (["groups"], ["clean", "--older-than", "1m", "--yes"]):
            out = gatewatch(*args, gateway="http://127.0.0.1:18997")
            assert out.returncode == 1, out
            assert out.stderr.count("\n") == 1 and words in out.stderr, out.stderr
    finally:
        server.stop()


def test_a_gateway_down_and_usage_errors():
    down = gatewatch("groups", gateway="http://127.0.0.1:18998")
    assert down.returncode == 1 and "Cannot reach Pushgateway" in down.stderr, down
    assert down.stderr.count("\n") == 1, down.stderr
    bad = gatewatch("clean", "--older-than", "ten minutes")
    assert bad.returncode == 2 and "not a duration" in bad.stderr, bad
    unknown = gatewatch("groups", "--no-such-flag")
    assert unknown.returncode == 2 and "--no-such-flag" in unknown.stderr, unknown
    label = gatewatch("clean", "--older-than", "1m", "--label", "novalue")
    assert label.returncode == 2 and "name=value" in label.stderr
    assert "bash" in gatewatch("completions", "bash").stdout

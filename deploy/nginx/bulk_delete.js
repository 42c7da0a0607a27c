// gatewatch: bulk delete of Pushgateway groups inside nginx (njs), with the safety re-check made
// next to the gateway. The Pushgateway deletes one group per request and a browser spends about
// 1-1.5 ms of its own time on every fetch, so the console sends the groups of a cleanup here in
// batches; this handler re-reads the group list once per batch and deletes, a few at a time, only
// the groups that nobody pushed to since the console's preview (docs/cleanup.md).
//
// Request:  POST, Content-Type: application/json
//   {"groups": [{"path": "/metrics/job@base64/...", "labels": {"job": "..."},
//                "push_time": 1700000000.5, "push_failure_time": null}, ...]}
//   `path` is the group's URL path as the console's core builds it (every label @base64);
//   the times are what the preview showed (null: none).
// Answer:   {"status": "success", "data": [{"outcome": "deleted" | "pushed_again" | "gone" |
//           "failed", "detail": "..."}, ...]}, in the order of the request; or an error in the
//   gateway API's own shape ({"status": "error", "errorType": ..., "error": ...}).
//
// Written for njs 0.7.9 (Debian bookworm) and later: no features newer than async/await.

var MAX_GROUPS = 1000; // per request: bounds the time one request holds the gateway
var CONCURRENCY = 8; // deletes in flight at once (the upstream keeps 8 connections alive)
var GROUP_PATH = /^\/metrics(\/[A-Za-z0-9_]+@base64\/[A-Za-z0-9_=-]*)+$/;

function answer(r, status, body) {
    r.headersOut['Content-Type'] = 'application/json';
    r.headersOut['Cache-Control'] = 'no-store';
    r.return(status, JSON.stringify(body));
}

function refuse(r, status, type, message) {
    answer(r, status, { status: 'error', errorType: type, error: message });
}

// One canonical text per label set: the labels sorted by name.
function labelKey(labels) {
    return JSON.stringify(Object.keys(labels).sort().map(function (k) { return [k, labels[k]]; }));
}

// The value of a gateway metric family such as push_time_seconds, or 0 when it is absent
// (the gateway reports "never" as 0 too).
function familyValue(group, family) {
    var f = group[family];
    var m = f && f.metrics && f.metrics[0];
    var v = m ? parseFloat(m.value) : 0;
    return isFinite(v) ? v : 0;
}

// The same rule as the console's core (core::cleanup::recheck): a push, successful or not, after
// the preview means the job is alive. Unchanged times keep a stale group stale (staleness only
// grows with time), so the console's freshness rule needs no second look.
function pushedSince(current, previewed) {
    return familyValue(current, 'push_time_seconds') > (previewed.push_time || 0)
        || familyValue(current, 'push_failure_time_seconds') > (previewed.push_failure_time || 0);
}

function validate(body) {
    if (!body || !Array.isArray(body.groups)) {
        return 'the body must be a JSON object with a "groups" array';
    }
    if (body.groups.length > MAX_GROUPS) {
        return 'at most ' + MAX_GROUPS + ' groups per request';
    }
    for (var i = 0; i < body.groups.length; i++) {
        var g = body.groups[i];
        if (!g || typeof g.path !== 'string' || !GROUP_PATH.test(g.path)
            || !g.labels || typeof g.labels !== 'object') {
            return 'group ' + i + ' needs a "path" (/metrics/<label>@base64/<value>...) and "labels"';
        }
    }
    return null;
}

async function deleteOne(r, internal, group) {
    var reply = await r.subrequest(internal + group.path, { method: 'DELETE' });
    if (reply.status >= 200 && reply.status < 300) {
        return { outcome: 'deleted' };
    }
    var text = (reply.responseText || '').slice(0, 200);
    return { outcome: 'failed', detail: 'the gateway answered HTTP ' + reply.status + (text ? ': ' + text : '') };
}

// Takes the next group still to delete until none is left; `state.next` is shared by the workers.
async function deleteWorker(r, internal, groups, results, state) {
    while (state.next < groups.length) {
        var i = state.next++;
        if (results[i] === null) {
            try {
                results[i] = await deleteOne(r, internal, groups[i]);
            } catch (e) {
                results[i] = { outcome: 'failed', detail: e.message };
            }
        }
    }
}

async function handle(r) {
    if (r.method !== 'POST') {
        return refuse(r, 405, 'bad_data', 'use POST');
    }
    if (!/^application\/json\b/.test(r.headersIn['Content-Type'] || '')) {
        return refuse(r, 415, 'bad_data', 'the body must be application/json');
    }
    var body;
    try {
        body = JSON.parse(r.requestText || '');
    } catch (e) {
        return refuse(r, 400, 'bad_data', 'the body is not JSON: ' + e.message);
    }
    var invalid = validate(body);
    if (invalid) {
        return refuse(r, 400, 'bad_data', invalid);
    }
    var internal = r.variables.gatewatch_internal_gateway;
    var list = await r.subrequest(internal + '/api/v1/metrics', { method: 'GET' });
    var listed;
    try {
        if (list.status !== 200) {
            throw new Error('HTTP ' + list.status);
        }
        listed = JSON.parse(list.responseText).data;
        if (!Array.isArray(listed)) {
            throw new Error('no group list in the answer');
        }
    } catch (e) {
        return refuse(r, 502, 'unavailable', 'could not re-read the group list before deleting: ' + e.message);
    }
    var current = {};
    listed.forEach(function (g) { current[labelKey(g.labels || {})] = g; });

    var results = body.groups.map(function (g) {
        var now = current[labelKey(g.labels)];
        if (!now) {
            return { outcome: 'gone' };
        }
        return pushedSince(now, g) ? { outcome: 'pushed_again' } : null;
    });
    // Plain arguments, no closures over this function's variables: njs 0.7 loses those
    // across an await.
    var state = { next: 0 };
    var workers = [];
    for (var w = 0; w < CONCURRENCY; w++) {
        workers.push(deleteWorker(r, internal, body.groups, results, state));
    }
    await Promise.all(workers);
    answer(r, 200, { status: 'success', data: results });
}

// Anything unexpected still gets an answer in the API's error shape, never a dropped connection.
function bulkDelete(r) {
    handle(r).catch(function (e) {
        refuse(r, 500, 'internal', 'the bulk delete stopped: ' + e.message);
    });
}

export default { bulkDelete };

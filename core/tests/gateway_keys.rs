//! Property test against a real Pushgateway: random grouping keys (any unicode, '/', '%', '?',
//! '#', quotes, backslashes, empty values, values up to 10 KB, up to 10 labels) are pushed,
//! listed and deleted through the console's own code: `GroupKey::path()` for PUT and DELETE,
//! `decode_answer` + `parse_groups` for `GET /api/v1/metrics`. Every case must be listed with
//! exactly its labels, then disappear without any other group changing; decoy groups with
//! nearly the same keys stay on the gateway throughout.
//!
//! Needs an empty gateway at `GATEWATCH_TEST_GATEWAY=host:port`: `scripts/test gateway-keys`
//! starts one. Environment: `GATEWATCH_GATEWAY_KEYS_SEED` (default 20261124),
//! `GATEWATCH_GATEWAY_KEYS_CASES` (default 1000), `GATEWATCH_GATEWAY_KEYS_CASE=N` (only case N).
#![cfg(not(target_arch = "wasm32"))]

use gatewatch_core::gateway::grouping_key::GroupKey;
use gatewatch_core::gateway::model::{parse_groups, GatewayGroup, Labels, SampleValue};
use gatewatch_core::http::endpoints::{gateway_group, join, GATEWAY_METRICS};
use gatewatch_core::http::envelope::decode_answer;
use gatewatch_core::http::error::Backend;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const DEFAULT_SEED: u64 = 20_261_124;
const DEFAULT_CASES: u64 = 1000;
/// The metric every test group holds; its `gwk_case` label keeps the series of groups apart
/// that differ only by an empty label (the gateway adds `instance=""` to every series).
const PROBE: &str = "gwk_probe";
const CASE_LABEL: &str = "gwk_case";
const MAX_VALUE_BYTES: usize = 10 * 1024;
const MAX_LABELS: usize = 10;
/// The console talks to the gateway at a base URL; with "" the paths are the request targets.
const BASE: &str = "";

// ---- a minimal blocking HTTP/1.1 client: one connection per request ----

/// Answers read, and how many of them came chunked (the gateway chunks long listings).
static ANSWERS: AtomicUsize = AtomicUsize::new(0);
static CHUNKED: AtomicUsize = AtomicUsize::new(0);

struct Response {
    status: u16,
    content_type: Option<String>,
    body: String,
}

fn request(gateway: &str, method: &str, target: &str, body: &[u8]) -> Response {
    let mut stream = TcpStream::connect(gateway)
        .unwrap_or_else(|e| panic!("cannot connect to the gateway at {gateway}: {e}"));
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
    stream.set_write_timeout(Some(Duration::from_secs(30))).ok();
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {gateway}\r\nConnection: close\r\n\
         Content-Length: {}\r\n",
        body.len()
    );
    if !body.is_empty() {
        head.push_str("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n");
    }
    head.push_str("\r\n");
    stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body))
        .unwrap_or_else(|e| panic!("{method} {}: write failed: {e}", short(target)));
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("{method} {}: read failed: {e}", short(target)));
    parse_response(&raw).unwrap_or_else(|e| panic!("{method} {}: {e}", short(target)))
}

fn parse_response(raw: &[u8]) -> Result<Response, String> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|e| format!("headers: {e}"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line {status_line:?}"))?;
    let mut content_type = None;
    let (mut chunked, mut length) = (false, None);
    for line in lines {
        let (name, value) = line.split_once(':').ok_or("bad header line")?;
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value.to_owned()),
            "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
            "content-length" => length = value.parse::<usize>().ok(),
            _ => {}
        }
    }
    let rest = &raw[end + 4..];
    ANSWERS.fetch_add(1, Ordering::Relaxed);
    if chunked {
        CHUNKED.fetch_add(1, Ordering::Relaxed);
    }
    let body = if chunked {
        dechunk(rest)?
    } else if let Some(n) = length {
        rest.get(..n)
            .ok_or("body shorter than Content-Length")?
            .to_vec()
    } else {
        rest.to_vec()
    };
    let body = String::from_utf8(body).map_err(|e| format!("body is not UTF-8: {e}"))?;
    Ok(Response {
        status,
        content_type,
        body,
    })
}

/// `Transfer-Encoding: chunked`: hex size line, data, CRLF, ... until a 0 size (trailers ignored).
fn dechunk(mut rest: &[u8]) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        let eol = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("chunk size line not terminated")?;
        let line = std::str::from_utf8(&rest[..eol]).map_err(|_| "chunk size line not text")?;
        let hex = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(hex, 16).map_err(|_| format!("bad chunk size {hex:?}"))?;
        rest = &rest[eol + 2..];
        if size == 0 {
            return Ok(body);
        }
        body.extend_from_slice(rest.get(..size).ok_or("chunk cut short")?);
        rest = rest.get(size..).ok_or("chunk cut short")?;
        rest = rest
            .strip_prefix(b"\r\n")
            .ok_or("chunk not followed by CRLF")?;
    }
}

fn short(s: &str) -> String {
    match s.char_indices().nth(120) {
        Some((i, _)) => format!("{}… ({} bytes)", &s[..i], s.len()),
        None => s.to_owned(),
    }
}

// ---- the gateway through the console's code ----

struct Gateway {
    addr: String,
}

impl Gateway {
    /// `GET /api/v1/metrics` decoded exactly as the console's `list_groups` does.
    fn groups(&self) -> Vec<GatewayGroup> {
        let r = request(&self.addr, "GET", &join(BASE, GATEWAY_METRICS), b"");
        decode_answer(
            Backend::Pushgateway,
            r.status,
            r.content_type.as_deref(),
            &r.body,
            parse_groups,
        )
        .unwrap_or_else(|e| panic!("listing the groups failed: {e}"))
        .data
    }

    /// PUT of the probe metric (a value 1 labelled with the case) to the key's path.
    fn try_push(&self, key: &GroupKey, case: &str) -> Response {
        let body = format!("# TYPE {PROBE} gauge\n{PROBE}{{{CASE_LABEL}=\"{case}\"}} 1\n");
        request(
            &self.addr,
            "PUT",
            &join(BASE, &gateway_group(key)),
            body.as_bytes(),
        )
    }

    fn push(&self, key: &GroupKey, case: &str) {
        let path = join(BASE, &gateway_group(key));
        let r = self.try_push(key, case);
        assert!(
            (200..300).contains(&r.status),
            "PUT {} answered {}: {}\nkey: {}",
            short(&path),
            r.status,
            short(&r.body),
            short(&key.display())
        );
    }

    fn delete(&self, key: &GroupKey) {
        let path = join(BASE, &gateway_group(key));
        let r = request(&self.addr, "DELETE", &path, b"");
        assert_eq!(r.status, 202, "DELETE {}: {}", short(&path), short(&r.body));
    }

    /// The gateway applies a DELETE after answering 202: re-list until the group is gone.
    fn groups_once_gone(&self, labels: &Labels) -> Vec<GatewayGroup> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let groups = self.groups();
            if !groups.iter().any(|g| &g.labels == labels) {
                return groups;
            }
            assert!(
                Instant::now() < deadline,
                "the group is still listed 10 s after DELETE"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

// ---- random grouping keys ----

/// SplitMix64: tiny, and the same sequence on every platform and toolchain.
struct Rng(u64);

impl Rng {
    fn for_case(seed: u64, case: u64) -> Rng {
        let mut r = Rng(seed ^ case.wrapping_mul(0xA076_1D64_78BD_642F));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Characters that break naive paths, URLs, JSON or shells.
const NASTY: &[char] = &[
    '/',
    '%',
    '?',
    '#',
    '"',
    '\'',
    '\\',
    ' ',
    '=',
    '&',
    '+',
    '@',
    ':',
    ';',
    ',',
    '.',
    '~',
    '<',
    '>',
    '{',
    '}',
    '|',
    '^',
    '`',
    '[',
    ']',
    '*',
    '$',
    '!',
    '-',
    '_',
    '\n',
    '\t',
    '\r',
    '\0',
    '\u{7f}',
    '\u{a0}',
    '\u{ad}',
    '\u{200b}',
    '\u{200d}',
    '\u{2028}',
    '\u{feff}',
    '\u{fffd}',
    '\u{fffe}',
    '\u{ffff}',
    '\u{301}',
    'ü',
    'ß',
    '日',
    '🚀',
    '👨',
    '\u{1f3fb}',
    '\u{10ffff}',
];

fn random_char(rng: &mut Rng) -> char {
    loop {
        let c = match rng.below(10) {
            0..=2 => {
                rng.pick(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") as char
            }
            3..=5 => rng.pick(NASTY),
            6 => (rng.below(0x20) as u8) as char, // controls
            7 => match char::from_u32(0x80 + rng.below(0x800 - 0x80) as u32) {
                Some(c) => c,
                None => continue,
            },
            8 => match char::from_u32(0x800 + rng.below(0x1_0000 - 0x800) as u32) {
                Some(c) => c, // surrogates are not chars: drawn again
                None => continue,
            },
            _ => match char::from_u32(0x1_0000 + rng.below(0x11_0000 - 0x1_0000) as u32) {
                Some(c) => c, // astral planes
                None => continue,
            },
        };
        return c;
    }
}

/// Empty, short, medium, or long up to 10 KB (a few exactly at the limit).
fn random_value(rng: &mut Rng) -> String {
    let max_bytes = match rng.below(100) {
        0..=9 => return String::new(),
        10..=64 => 1 + rng.below(16),
        65..=89 => 16 + rng.below(240),
        90..=95 => 256 + rng.below(MAX_VALUE_BYTES - 256),
        _ => MAX_VALUE_BYTES,
    };
    fill(rng, max_bytes)
}

/// Random characters up to `max_bytes` of UTF-8 (stops at the first that would not fit).
fn fill(rng: &mut Rng, max_bytes: usize) -> String {
    let mut value = String::new();
    loop {
        let c = random_char(rng);
        if value.len() + c.len_utf8() > max_bytes {
            return value;
        }
        value.push(c);
    }
}

fn random_label_name(rng: &mut Rng) -> String {
    const POOL: &[&str] = &[
        "instance", "zone", "a", "A9", "_x", "_", "le", "quantile", "path",
    ];
    if rng.chance(40) {
        return rng.pick(POOL).to_owned();
    }
    const FIRST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
    const REST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789";
    loop {
        let mut name = String::from(rng.pick(FIRST) as char);
        for _ in 0..rng.below(12) {
            name.push(rng.pick(REST) as char);
        }
        // Reserved, the job itself, or the probe's own label: drawn again.
        if !name.starts_with("__") && name != "job" && name != CASE_LABEL {
            return name;
        }
    }
}

fn random_labels(rng: &mut Rng) -> Labels {
    let mut labels = Labels::new();
    let mut job = random_value(rng);
    while job.is_empty() {
        job = random_value(rng);
    }
    labels.insert("job".into(), job);
    let others = rng.below(MAX_LABELS);
    while labels.len() < 1 + others {
        labels.insert(random_label_name(rng), random_value(rng));
    }
    labels
}

/// The largest key: 10 labels, every value 10 KB (up to 3 bytes short: whole characters).
fn largest_labels(rng: &mut Rng) -> Labels {
    let mut labels = Labels::new();
    labels.insert("job".into(), fill(rng, MAX_VALUE_BYTES));
    while labels.len() < MAX_LABELS {
        labels.insert(random_label_name(rng), fill(rng, MAX_VALUE_BYTES));
    }
    labels
}

/// Groups kept on the gateway during the whole run; many cases are edits of them.
fn decoys() -> Vec<Labels> {
    let job = "gwk/decoy ü/🚀 %2F?#";
    let sets: &[&[(&str, &str)]] = &[
        &[("job", job)],
        &[("job", job), ("zone", "")],
        &[("job", job), ("instance", "a/b")],
        &[("job", job), ("instance", "a/b/c")],
        &[("job", job), ("instance", "a/b"), ("zone", "%2F?#\"\\")],
        &[("job", job), ("instance", "a/b"), ("zone", "")],
        &[("job", "gwk/decoy ü/")],
        &[("job", "gwk/decoy ü/🚀 %2F?#/x")],
        &[("job", "gwk/decoy ü/🚀 %2f?#")],
    ];
    sets.iter()
        .map(|pairs| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The gateway adds `instance=""` to the series of a group without an instance label, so its
/// own push_time_seconds series of {job="x"} and {job="x", instance=""} are the same: the second
/// push is refused (400) and leaves a failed group that makes every later push fail.
fn instance_twins(a: &Labels, b: &Labels) -> bool {
    let with_instance = |l: &Labels| {
        let mut l = l.clone();
        l.entry("instance".into()).or_default();
        l
    };
    with_instance(a) == with_instance(b)
}

/// A decoy changed a little: another value, a value that is a prefix or an extension, an empty
/// label added or a label dropped. Never equal to a decoy, nor its instance twin.
fn near_decoy(rng: &mut Rng, decoys: &[Labels]) -> Labels {
    loop {
        let mut labels = decoys[rng.below(decoys.len())].clone();
        for _ in 0..1 + rng.below(2) {
            let names: Vec<String> = labels.keys().cloned().collect();
            let name = names[rng.below(names.len())].clone();
            match rng.below(5) {
                0 => {
                    labels.get_mut(&name).unwrap().push(random_char(rng));
                }
                1 => {
                    labels.get_mut(&name).unwrap().pop();
                }
                2 => {
                    labels.insert(name, random_value(rng));
                }
                3 => {
                    let extra = random_label_name(rng);
                    labels.entry(extra).or_default();
                }
                _ => {
                    if name != "job" {
                        labels.remove(&name);
                    }
                }
            }
        }
        let job_ok = labels.get("job").is_some_and(|j| !j.is_empty());
        if job_ok
            && labels.len() <= MAX_LABELS
            && !decoys.iter().any(|d| instance_twins(d, &labels))
        {
            return labels;
        }
    }
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| {
        v.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a whole number"))
    })
}

fn probe_case(group: &GatewayGroup) -> Option<String> {
    let sample = group.family(PROBE)?.samples.first()?;
    matches!(sample.value, SampleValue::Single(v) if v == 1.0)
        .then(|| sample.label(CASE_LABEL).map(str::to_string))
        .flatten()
}

#[test]
#[ignore = "needs a gateway: run via scripts/test gateway-keys"]
fn random_grouping_keys_round_trip_through_a_real_gateway() {
    let addr = std::env::var("GATEWATCH_TEST_GATEWAY").unwrap_or_else(|_| {
        panic!(
            "GATEWATCH_TEST_GATEWAY is not set: this test needs an empty Pushgateway at \
             host:port. Run it with `scripts/test gateway-keys`, which starts one."
        )
    });
    let seed = env_u64("GATEWATCH_GATEWAY_KEYS_SEED").unwrap_or(DEFAULT_SEED);
    let cases = env_u64("GATEWATCH_GATEWAY_KEYS_CASES").unwrap_or(DEFAULT_CASES);
    let only = env_u64("GATEWATCH_GATEWAY_KEYS_CASE");
    println!(
        "gateway {addr}, seed {seed} (GATEWATCH_GATEWAY_KEYS_SEED), {cases} cases{}",
        only.map_or(String::new(), |n| format!(", only case {n}"))
    );
    let gw = Gateway { addr };
    let started = Instant::now();

    let initial = gw.groups();
    assert!(
        initial.is_empty(),
        "the gateway at {} already holds {} groups: this test deletes groups by arbitrary keys, \
         so it only runs against an empty gateway of its own",
        gw.addr,
        initial.len()
    );

    let decoys = decoys();
    for (i, labels) in decoys.iter().enumerate() {
        gw.push(
            &GroupKey::from_labels(labels).unwrap(),
            &format!("decoy{i}"),
        );
    }
    let baseline = gw.groups();
    assert_eq!(
        baseline.iter().map(|g| &g.labels).collect::<Vec<_>>(),
        {
            let mut want: Vec<&Labels> = decoys.iter().collect();
            want.sort_by(|a, b| (&a["job"], *a).cmp(&(&b["job"], *b)));
            want
        },
        "the decoys are not listed with exactly their labels"
    );

    // The one key class the gateway cannot hold beside another: pinned here, so a gateway that
    // changes this shows up. The refused push leaves a failed group, which DELETE removes.
    let twin: Labels = [("job", decoys[0]["job"].as_str()), ("instance", "")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let twin_key = GroupKey::from_labels(&twin).unwrap();
    let refused = gw.try_push(&twin_key, "twin");
    assert_eq!(
        refused.status,
        400,
        "instance twin accepted: {}",
        short(&refused.body)
    );
    gw.delete(&twin_key);
    assert_eq!(
        gw.groups_once_gone(&twin),
        baseline,
        "the refused push left traces"
    );

    let (mut bytes, mut most_labels, mut biggest_path, mut near) = (0usize, 0usize, 0usize, 0);
    for case in 0..cases {
        if only.is_some_and(|n| n != case) {
            continue;
        }
        let mut rng = Rng::for_case(seed, case);
        let labels = if case % 100 == 99 {
            largest_labels(&mut rng)
        } else if rng.chance(30) {
            near += 1;
            near_decoy(&mut rng, &decoys)
        } else {
            random_labels(&mut rng)
        };
        let context = || {
            format!(
                "case {case} (replay: GATEWATCH_GATEWAY_KEYS_SEED={seed} \
                 GATEWATCH_GATEWAY_KEYS_CASE={case}), key {}",
                short(&format!("{labels:?}"))
            )
        };
        let key = GroupKey::from_labels(&labels).unwrap_or_else(|e| panic!("{e}: {}", context()));
        assert_eq!(key.labels(), labels, "{}", context());
        bytes += labels.values().map(String::len).sum::<usize>();
        most_labels = most_labels.max(labels.len());
        biggest_path = biggest_path.max(key.path().len());

        let before = gw.groups();
        gw.push(&key, &case.to_string());
        let after_push = gw.groups();
        let listed: Vec<&GatewayGroup> = after_push
            .iter()
            .filter(|g| probe_case(g).as_deref() == Some(case.to_string().as_str()))
            .collect();
        assert_eq!(
            listed.len(),
            1,
            "pushed group not listed once: {}",
            context()
        );
        assert_eq!(
            listed[0].labels,
            labels,
            "listed with other labels: {}",
            context()
        );
        let others: Vec<GatewayGroup> = after_push
            .iter()
            .filter(|g| g.labels != labels)
            .cloned()
            .collect();
        assert_eq!(
            others,
            before,
            "the push changed other groups: {}",
            context()
        );

        gw.delete(&key);
        let after_delete = gw.groups_once_gone(&labels);
        assert_eq!(
            after_delete,
            before,
            "the delete changed other groups: {}",
            context()
        );
    }

    for labels in &decoys {
        gw.delete(&GroupKey::from_labels(labels).unwrap());
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while !gw.groups().is_empty() {
        assert!(
            Instant::now() < deadline,
            "decoys still listed 10 s after DELETE"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    println!(
        "{cases} cases ({near} near a decoy) in {:.1}s: {:.1} MB of label values, up to {most_labels} \
         labels, paths up to {biggest_path} bytes; {} answers, {} of them chunked",
        started.elapsed().as_secs_f64(),
        bytes as f64 / 1e6,
        ANSWERS.load(Ordering::Relaxed),
        CHUNKED.load(Ordering::Relaxed),
    );
}

/// The client itself, without a gateway: what Go's net/http sends for a long listing.
#[test]
fn chunked_answers_are_reassembled() {
    let raw = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                Transfer-Encoding: chunked\r\n\r\n\
                7\r\n{\"a\":\"\xc3\r\n4;ext=1\r\n\xbc\"}\n\r\n0\r\nTrailer: x\r\n\r\n";
    let r = parse_response(raw).unwrap();
    assert_eq!(
        (r.status, r.content_type.as_deref()),
        (200, Some("application/json"))
    );
    assert_eq!(r.body, "{\"a\":\"ü\"}\n");
    let plain = b"HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nokEXTRA";
    assert_eq!(parse_response(plain).unwrap().body, "ok");
    assert!(parse_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZ\r\n").is_err());
    assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort").is_err());
}

//! A short plain-text excerpt of an error body for the UI: HTML pages (nginx 502/504) lose their
//! markup, whitespace collapses, and long bodies are cut.

#[cfg(test)]
mod tests;

/// At most this many characters come out, the ellipsis included.
pub const EXCERPT_CHARS: usize = 200;

/// Only the start of a body is looked at: an error page worth showing says so early, and the
/// gateway's own HTML page can be tens of megabytes.
const SCAN_BYTES: usize = 64 * 1024;

/// Elements whose text is not shown: nginx repeats the status in `<title>`.
const HIDDEN_ELEMENTS: [&str; 3] = ["head", "script", "style"];

/// `"<html>…<h1>502 Bad Gateway</h1>…nginx/1.22.1…"` → `"502 Bad Gateway nginx/1.22.1"`.
/// Plain text is only trimmed and collapsed: the gateway's texts contain `<name:"job" …>`.
pub fn body_excerpt(body: &str) -> String {
    let head = &body[..floor_char_boundary(body, SCAN_BYTES)];
    let text = if head.trim_start().starts_with('<') {
        strip_html(head)
    } else {
        head.to_owned()
    };
    truncate(&collapse_whitespace(&text), EXCERPT_CHARS)
}

fn strip_html(html: &str) -> String {
    // ASCII lowercasing keeps byte offsets, so positions found in `lower` index `html` too.
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut pos = 0;
    while let Some(lt) = lower[pos..].find('<').map(|i| pos + i) {
        out.push_str(&html[pos..lt]);
        // Tags separate words: `</h1></center><hr><center>nginx` must not glue text together.
        out.push(' ');
        pos = if lower[lt..].starts_with("<!--") {
            end_after(&lower, lt, "-->")
        } else {
            let name: String = lower[lt + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let after_tag = end_after(&lower, lt, ">");
            if HIDDEN_ELEMENTS.contains(&name.as_str()) {
                let close = end_after(&lower, after_tag, &format!("</{name}"));
                end_after(&lower, close, ">")
            } else {
                after_tag
            }
        };
    }
    out.push_str(&html[pos.min(html.len())..]);
    decode_entities(&out)
}

/// The offset just past the first `needle` at or after `from`, or the end when there is none.
fn end_after(haystack: &str, from: usize, needle: &str) -> usize {
    match haystack.get(from..).and_then(|s| s.find(needle)) {
        Some(i) => from + i + needle.len(),
        None => haystack.len(),
    }
}

fn decode_entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        None => s.to_owned(),
        Some(_) => {
            let keep = s
                .char_indices()
                .nth(max_chars - 1)
                .map_or(s.len(), |(i, _)| i);
            format!("{}…", s[..keep].trim_end())
        }
    }
}

fn floor_char_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    (0..=max)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

//! Building PromQL text safely: label-value escaping, matchers, selectors, and regex alternations
//! of literal values. Every user-supplied string goes through here before it reaches a query.

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

/// Escapes a value for a double-quoted PromQL string: `\` → `\\`, `"` → `\"`, newline → `\n`.
/// Other characters (tabs, unicode) are valid inside PromQL strings as they are.
pub fn escape_label_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// `"value"` with escaping, ready to paste into PromQL.
pub fn quote(value: &str) -> String {
    format!("\"{}\"", escape_label_value(value))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchOp {
    Eq,
    Ne,
    Re,
    Nre,
}

impl MatchOp {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchOp::Eq => "=",
            MatchOp::Ne => "!=",
            MatchOp::Re => "=~",
            MatchOp::Nre => "!~",
        }
    }
}

/// One label matcher. For `Re`/`Nre` the value is a regex (RE2, anchored by Prometheus).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matcher {
    pub name: String,
    pub op: MatchOp,
    pub value: String,
}

impl Matcher {
    pub fn new(name: impl Into<String>, op: MatchOp, value: impl Into<String>) -> Self {
        Matcher {
            name: name.into(),
            op,
            value: value.into(),
        }
    }

    pub fn eq(name: impl Into<String>, value: impl Into<String>) -> Self {
        Matcher::new(name, MatchOp::Eq, value)
    }

    /// `name=~"a|b"` matching exactly one of the literal `values`. With no values it matches
    /// only the empty value (`=~""`), which is what an empty alternation means.
    pub fn any_of<S: AsRef<str>>(name: impl Into<String>, values: &[S]) -> Self {
        Matcher::new(name, MatchOp::Re, literal_alternation(values))
    }

    /// `name="value"` as PromQL text.
    pub fn to_promql(&self) -> String {
        format!(
            "{}{}{}",
            label_name(&self.name),
            self.op.as_str(),
            quote(&self.value)
        )
    }
}

/// `metric{a="b",c=~"d"}`. A metric name that is not a classic identifier (Prometheus 3 allows
/// dots, and 2.x cannot parse the quoted form) becomes a `__name__` matcher, which both accept.
pub fn selector(metric: &str, matchers: &[Matcher]) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(matchers.len() + 1);
    let head = if metric.is_empty() || is_metric_name(metric) {
        metric.to_owned()
    } else {
        parts.push(Matcher::eq("__name__", metric).to_promql());
        String::new()
    };
    parts.extend(matchers.iter().map(Matcher::to_promql));
    if parts.is_empty() && !head.is_empty() {
        return head;
    }
    format!("{head}{{{}}}", parts.join(","))
}

/// Go RE2 `regexp.QuoteMeta`: backslash before every character that is special in a regex.
pub fn regex_escape(literal: &str) -> String {
    let mut out = String::with_capacity(literal.len());
    for c in literal.chars() {
        if r"\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `a|b|c` matching exactly the given literal strings (each regex-escaped).
pub fn literal_alternation<S: AsRef<str>>(values: &[S]) -> String {
    values
        .iter()
        .map(|v| regex_escape(v.as_ref()))
        .collect::<Vec<_>>()
        .join("|")
}

/// `[a-zA-Z_][a-zA-Z0-9_]*`: a label name both Prometheus 2 and 3 accept unquoted.
pub fn is_label_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `[a-zA-Z_:][a-zA-Z0-9_:]*`.
pub fn is_metric_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

/// A label name as written in a selector; odd names use Prometheus 3's quoted form.
fn label_name(name: &str) -> String {
    if is_label_name(name) {
        name.to_owned()
    } else {
        quote(name)
    }
}

/// `{job="x", a="1", b=""}`: job first (it names the group), the rest by name. For display.
pub fn format_label_set(labels: &BTreeMap<String, String>) -> String {
    let job = labels.get_key_value("job");
    let rest = labels.iter().filter(|(k, _)| *k != "job");
    format_label_pairs(job.into_iter().chain(rest))
}

/// Labels in the order given, as PromQL writes them: `{a="x", b="y"}`.
pub fn format_label_pairs<'a>(pairs: impl IntoIterator<Item = (&'a String, &'a String)>) -> String {
    let parts: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}", label_name(k), quote(v)))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

//! The captured fixtures mutated structurally (nodes deleted, replaced, renamed, keys duplicated)
//! and then byte-wise (fuzz/bytes.rs), for the parser targets.

use super::bytes::{apply_bytes, byte_edit, ByteEdit};
use super::json::{any_json, key, leaf, FIXTURES};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value};
use std::fmt;

/// One step into a JSON tree.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// A structural change at the node with this pre-order index (taken modulo the node count).
#[derive(Clone, Debug)]
pub enum Edit {
    /// Removes the node from its object or array.
    Delete(usize),
    Replace(usize, Value),
    /// Moves an object member to another key.
    Rename(usize, String),
    /// Inserts a copy beside an array element.
    Repeat(usize),
    /// Nests the node in this many arrays.
    Wrap(usize, u8),
}

/// A fixture after structural edits, an optional duplicated key and byte edits.
#[derive(Clone)]
pub struct Mutant {
    pub fixture: usize,
    pub edits: Vec<Edit>,
    /// The member at this node index is written twice, the second time with this value.
    pub duplicate: Option<(usize, Value)>,
    pub bytes: Vec<ByteEdit>,
}

impl fmt::Debug for Mutant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mutant")
            .field("fixture", &FIXTURES[self.fixture].1)
            .field("edits", &self.edits)
            .field("duplicate", &self.duplicate)
            .field("bytes", &self.bytes)
            .finish()
    }
}

impl Mutant {
    /// The mutated body as an HTTP client would hand it over (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        let original = FIXTURES[self.fixture].2;
        let structural = match serde_json::from_str::<Value>(original) {
            Ok(mut v) if !self.edits.is_empty() || self.duplicate.is_some() => {
                for edit in &self.edits {
                    apply(&mut v, edit);
                }
                let mut out = String::new();
                write_json(&v, self.duplicate.as_ref(), &mut 0, &mut out);
                out
            }
            _ => original.to_owned(),
        };
        let mut bytes = structural.into_bytes();
        for edit in &self.bytes {
            apply_bytes(&mut bytes, edit);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The mutated document, if it still is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.text()).ok()
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    let node = any::<usize>();
    prop_oneof![
        3 => node.prop_map(Edit::Delete),
        4 => (node, replacement()).prop_map(|(n, v)| Edit::Replace(n, v)),
        1 => (node, key()).prop_map(|(n, k)| Edit::Rename(n, k)),
        1 => node.prop_map(Edit::Repeat),
        1 => (node, 1..=40u8).prop_map(|(n, d)| Edit::Wrap(n, d)),
    ]
}

/// What a node is replaced with: the wrong type, a huge value, or any JSON.
fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        2 => leaf(),
        1 => Just(Value::Array(Vec::new())),
        1 => Just(Value::Object(Map::new())),
        1 => (1..200_000usize).prop_map(|n| Value::String("9".repeat(n))),
        1 => any_json(),
    ]
}

/// Mutants of the given fixtures: mostly structural, sometimes byte-wise, sometimes both.
pub fn mutant(fixtures: Vec<usize>) -> impl Strategy<Value = Mutant> {
    let edits = prop::collection::vec(edit(), 0..4);
    let duplicate = prop::option::weighted(0.2, (any::<usize>(), replacement()));
    let bytes = prop_oneof![
        2 => Just(Vec::new()),
        1 => prop::collection::vec(byte_edit(), 1..4),
    ];
    (select(fixtures), edits, duplicate, bytes).prop_map(|(fixture, edits, duplicate, bytes)| {
        Mutant {
            fixture,
            edits,
            duplicate,
            bytes,
        }
    })
}

/// The paths of all nodes, pre-order (the root's is empty).
fn node_paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                here.push(Step::Index(i));
                node_paths(item, here, out);
                here.pop();
            }
        }
        Value::Object(members) => {
            for (k, item) in members {
                here.push(Step::Key(k.clone()));
                node_paths(item, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(mut v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    for step in path {
        v = match step {
            Step::Key(k) => v.as_object_mut()?.get_mut(k)?,
            Step::Index(i) => v.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(v)
}

fn apply(root: &mut Value, edit: &Edit) {
    let mut paths = Vec::new();
    node_paths(root, &mut Vec::new(), &mut paths);
    let (Edit::Delete(n)
    | Edit::Replace(n, _)
    | Edit::Rename(n, _)
    | Edit::Repeat(n)
    | Edit::Wrap(n, _)) = edit;
    let path = &paths[n % paths.len()];
    let (parent, last) = match path.split_last() {
        Some((last, parent)) => (parent, Some(last)),
        None => (&path[..], None),
    };
    match edit {
        Edit::Replace(_, v) => {
            if let Some(node) = at_mut(root, path) {
                *node = v.clone();
            }
        }
        Edit::Wrap(_, depth) => {
            if let Some(node) = at_mut(root, path) {
                for _ in 0..*depth {
                    *node = Value::Array(vec![node.take()]);
                }
            }
        }
        Edit::Delete(_) | Edit::Rename(..) | Edit::Repeat(_) => {
            let (Some(parent), Some(last)) = (at_mut(root, parent), last) else {
                return;
            };
            match (parent, last, edit) {
                (Value::Object(m), Step::Key(k), Edit::Delete(_)) => {
                    m.remove(k);
                }
                (Value::Object(m), Step::Key(k), Edit::Rename(_, to)) => {
                    if let Some(v) = m.remove(k) {
                        m.insert(to.clone(), v);
                    }
                }
                (Value::Array(a), Step::Index(i), Edit::Delete(_)) => {
                    a.remove(*i);
                }
                (Value::Array(a), Step::Index(i), Edit::Repeat(_)) => {
                    let copy = a[*i].clone();
                    a.insert(*i, copy);
                }
                _ => {}
            }
        }
    }
}

/// Compact JSON, except that the object member whose value is node `dup.0` is written twice,
/// the second time with `dup.1` (serde_json keeps the last of duplicated keys).
fn write_json(v: &Value, dup: Option<&(usize, Value)>, counter: &mut usize, out: &mut String) {
    *counter += 1;
    match v {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, dup, counter, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (k, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let key = Value::String(k.clone()).to_string();
                let item_index = *counter;
                out.push_str(&key);
                out.push(':');
                write_json(item, dup, counter, out);
                if let Some((n, second)) = dup {
                    if *n == item_index {
                        out.push(',');
                        out.push_str(&key);
                        out.push(':');
                        out.push_str(&second.to_string());
                    }
                }
            }
            out.push('}');
        }
        leaf => out.push_str(&leaf.to_string()),
    }
}

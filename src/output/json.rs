//! JSON conventions shared by every report: exact numbers are strings (`"2/3"`, `"-1"`); keys come
//! in a fixed order and objects keyed by name (parameters, per-player values) keep declaration
//! order, so the same input gives the same bytes. Indices are 0-based. The schema of every
//! command's JSON is documented once, in `docs/json.md`.

use crate::num::{fmt_q, Q};
use indexmap::IndexMap;
use serde::Serialize;

/// Exact numbers as strings.
pub(crate) fn qs(xs: &[Q]) -> Vec<String> {
    xs.iter().map(fmt_q).collect()
}

/// Rows of exact numbers as strings.
pub(crate) fn qss(xs: &[Vec<Q>]) -> Vec<Vec<String>> {
    xs.iter().map(|x| qs(x)).collect()
}

/// Behaviour strategies (`[player][information set][action]`) as strings.
pub(crate) fn qsss(xs: &[Vec<Vec<Q>>]) -> Vec<Vec<Vec<String>>> {
    xs.iter().map(|x| qss(x)).collect()
}

/// Named exact values as an object that keeps their order.
pub(crate) fn named(xs: &[(String, Q)]) -> IndexMap<&str, String> {
    xs.iter().map(|(k, v)| (k.as_str(), fmt_q(v))).collect()
}

/// Per-player values as an object keyed by player name, in the players' order.
pub(crate) fn by_player<T>(names: &[String], xs: impl IntoIterator<Item = T>) -> IndexMap<&str, T> {
    names.iter().map(String::as_str).zip(xs).collect()
}

/// Pretty-printed JSON with a final newline.
pub(crate) fn finish<T: Serialize>(value: &T) -> String {
    // Serializing plain structs of strings, numbers and maps cannot fail.
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// A game's title, players and strategy labels.
#[derive(Serialize)]
pub(crate) struct GameJson<'a> {
    pub title: &'a str,
    pub players: &'a [String],
    pub strategies: &'a [Vec<String>],
}

/// A pure profile (labels) with its probability.
#[derive(Serialize)]
pub(crate) struct OutcomeJson {
    pub profile: Vec<String>,
    pub probability: String,
}

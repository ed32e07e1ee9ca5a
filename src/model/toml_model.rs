//! Our TOML model format: parsing with precise locations, validation, and a writer.
//!
//! The document is first converted from `toml_edit` into a small span-carrying tree (`Node`),
//! then checked section by section. See `docs/model-format.md` for the format itself.

use super::definition::{Body, Derived, Model, NormalBody, Parameter, Scenario};
use super::expr::{close_names, unknown_name_message};
use super::kit::{
    check_name, convert_table, toml_multiline, toml_number, toml_str, Ctx, Entry, Kind, Node, PayoffExpr, Span,
};
use crate::error::{Location, ModelError};
use crate::game::{NormalForm, Player};
use crate::num::Q;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

fn fmt_range(r: &(Q, Q)) -> String {
    format!("[{}, {}]", r.0, r.1)
}

const TOP_KEYS: &[&str] = &[
    "title",
    "description",
    "kind",
    "players",
    "parameters",
    "derived",
    "strategies",
    "payoffs",
    "payoff",
    "scenarios",
];

/// The largest strategic form a model may declare, in payoff entries (profiles × players).
const MAX_PAYOFF_ENTRIES: usize = 50_000_000;

const TREE_TOP_KEYS: &[&str] =
    &["title", "description", "kind", "players", "parameters", "derived", "root", "nodes", "scenarios"];

/// Which of the three model kinds a file declares (`kind = ...`, default `normal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ModelKind {
    Normal,
    Tree,
    Multistage,
}

/// Parses and validates a TOML model. `file` names the file in error locations.
///
/// One function per TOML section below; this one only orders them.
pub fn parse_model(file: &str, src: &str) -> Result<Model, ModelError> {
    let cx = Ctx { file, src };
    let root = document(&cx)?;
    let entries = cx.table(&root, "the file")?;
    let get = |k: &str| entries.iter().find(|e| e.key == k);
    let (kind, title, description) = header(&cx, entries)?;
    let Some(players_entry) = get("players") else {
        return Err(cx.err(0, "missing `players = [\"...\", ...]`: the model must name its players"));
    };
    let players = cx.labels(&players_entry.value, "`players`")?;
    if players.is_empty() {
        return Err(cx.err(players_entry.value.span.start, "`players` is empty; a game needs at least one player"));
    }
    let (parameters, param_spans) = parameters(&cx, get("parameters"))?;
    let (derived, derived_exprs) = derived(&cx, get("derived"), &parameters, &param_spans)?;
    let mut names: Vec<&str> = parameters.iter().map(|p| p.name.as_str()).collect();
    names.extend(derived.iter().map(|d| d.name.as_str()));
    let body = match kind {
        ModelKind::Multistage => {
            Body::Multistage(super::multistage_model::parse_multistage_body(&cx, entries, players, &names)?)
        }
        ModelKind::Tree => {
            let player_names: Vec<String> = players.into_iter().map(|(p, _)| p).collect();
            Body::Tree(super::tree_model::parse_tree_body(&cx, entries, player_names, &names)?)
        }
        ModelKind::Normal => Body::Normal(normal_body(&cx, entries, players_entry, &players, &names)?),
    };
    let scenarios = scenarios(&cx, get("scenarios"), &parameters)?;
    Ok(Model {
        title,
        description,
        parameters,
        scenarios,
        derived,
        file: file.to_string(),
        source: Arc::from(src),
        derived_exprs,
        body,
    })
}

/// The TOML document as a span-carrying [`Node`] tree.
fn document(cx: &Ctx<'_>) -> Result<Node, ModelError> {
    let doc = toml_edit::ImDocument::parse(cx.src).map_err(|e| {
        let off = e.span().map_or(0, |s| s.start);
        let msg = e.message().trim().replace('\n', "; ");
        cx.err(off, format!("TOML syntax error: {msg}"))
    })?;
    Ok(convert_table(doc.as_table(), &(0..cx.src.len())))
}

/// The model kinds, as `kind = ...` names them, and what each one is.
const KINDS: &str = "`normal` (a strategic-form game: [strategies] and [payoffs]; the default), \
                     `tree` (a game tree: root and [nodes]) or `multistage` (a stage game repeated over \
                     periods: actions, stage, horizon)";

/// Top-level keys that only one kind has, and that kind: a model that uses them without
/// declaring the kind is told which `kind = ...` to add.
fn kind_of_key(key: &str) -> Option<&'static str> {
    let only = |keys: &[&str], others: &[&[&str]]| keys.contains(&key) && others.iter().all(|o| !o.contains(&key));
    let multi = super::multistage_model::MULTISTAGE_TOP_KEYS;
    if only(TREE_TOP_KEYS, &[TOP_KEYS, multi]) {
        Some("tree")
    } else if only(multi, &[TOP_KEYS, TREE_TOP_KEYS]) {
        Some("multistage")
    } else if only(TOP_KEYS, &[TREE_TOP_KEYS, multi]) {
        Some("normal")
    } else {
        None
    }
}

/// `kind`, the allowed top-level keys for it, `title` and `description`.
///
/// The kind is checked before the keys, so a misspelt or missing kind is reported as such (not
/// as an unknown key of the default kind).
fn header(cx: &Ctx<'_>, entries: &[Entry]) -> Result<(ModelKind, String, String), ModelError> {
    let get = |k: &str| entries.iter().find(|e| e.key == k);
    let kind = match get("kind") {
        Some(e) => match cx.str(&e.value, "`kind`")? {
            "normal" => ModelKind::Normal,
            "tree" => ModelKind::Tree,
            "multistage" => ModelKind::Multistage,
            k => {
                let mut msg = format!("unknown kind `{k}`");
                if let Some(c) = super::expr::close_names(k, &["normal", "tree", "multistage"]).first() {
                    msg.push_str(&format!("; did you mean `{c}`?"));
                }
                return Err(cx.err(e.value.span.start, format!("{msg} (expected {KINDS})")));
            }
        },
        None => {
            // No kind: a normal-form model, unless its keys belong to another kind.
            if let Some((e, k)) =
                entries.iter().find_map(|e| kind_of_key(&e.key).filter(|k| *k != "normal").map(|k| (e, k)))
            {
                return Err(cx.err(
                    e.key_span.start,
                    format!(
                        "`{}` is a key of {k} models, but the file declares no `kind` (so it is read as a \
                         normal-form model): this looks like a {k} model: add kind = \"{k}\" at the top \
                         (the kinds are {KINDS})",
                        e.key
                    ),
                ));
            }
            ModelKind::Normal
        }
    };
    let top_keys = match kind {
        ModelKind::Tree => TREE_TOP_KEYS,
        ModelKind::Multistage => super::multistage_model::MULTISTAGE_TOP_KEYS,
        ModelKind::Normal => TOP_KEYS,
    };
    let name = match kind {
        ModelKind::Normal => "normal",
        ModelKind::Tree => "tree",
        ModelKind::Multistage => "multistage",
    };
    // A key of another kind: say which kind has it.
    if let Some(e) = entries.iter().find(|e| !top_keys.contains(&e.key.as_str())) {
        if let Some(other) = kind_of_key(&e.key).filter(|k| *k != name) {
            return Err(cx.err(
                e.key_span.start,
                format!(
                    "`{}` is a key of {other} models, but this is a {name} model (kind = \"{name}\"); \
                     a {name} model has the keys {}",
                    e.key,
                    top_keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    cx.check_keys(entries, top_keys, "")?;
    let text = |k: &str| -> Result<String, ModelError> {
        match get(k) {
            Some(e) => Ok(cx.str(&e.value, &format!("`{k}`"))?.to_string()),
            None => Ok(String::new()),
        }
    };
    let title = text("title")?;
    let description = text("description")?;
    Ok((kind, title, description))
}

/// `[parameters]`: each parameter and the span of its name.
fn parameters(cx: &Ctx<'_>, section: Option<&Entry>) -> Result<(Vec<Parameter>, Vec<Span>), ModelError> {
    let mut parameters: Vec<Parameter> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    if let Some(e) = section {
        for p in cx.table(&e.value, "`[parameters]`")? {
            check_name(cx, p, "parameter")?;
            parameters.push(parameter(cx, p)?);
            spans.push(p.key_span.clone());
        }
    }
    Ok((parameters, spans))
}

/// `[derived]`: names defined by expressions over parameters and earlier derived names.
fn derived(
    cx: &Ctx<'_>,
    section: Option<&Entry>,
    parameters: &[Parameter],
    param_spans: &[Span],
) -> Result<(Vec<Derived>, Vec<PayoffExpr>), ModelError> {
    let mut derived: Vec<Derived> = Vec::new();
    let mut exprs: Vec<PayoffExpr> = Vec::new();
    let Some(e) = section else { return Ok((derived, exprs)) };
    let list = cx.table(&e.value, "`[derived]`")?;
    let all_derived: HashSet<&str> = list.iter().map(|d| d.key.as_str()).collect();
    let param_index: HashMap<&str, usize> = parameters.iter().enumerate().map(|(i, p)| (p.name.as_str(), i)).collect();
    let mut known: Vec<&str> = parameters.iter().map(|p| p.name.as_str()).collect();
    for d in list {
        check_name(cx, d, "derived name")?;
        if let Some(&i) = param_index.get(d.key.as_str()) {
            let line = Location::from_offset(cx.file, cx.src, param_spans[i].start).line;
            return Err(cx.err(
                d.key_span.start,
                format!(
                    "`{}` is already a parameter (line {line}); a derived name must differ from every parameter",
                    d.key
                ),
            ));
        }
        let (mut expr, site) = cx.expression(&d.value, &format!("derived `{}`", d.key))?;
        if let Err(err) = expr.bind(&known) {
            let name = expr.identifiers().into_iter().find(|(_, pos)| *pos == err.offset).map(|(n, _)| n);
            let msg = match name {
                Some(n) if n == d.key => format!("derived `{n}` refers to itself"),
                Some(n) if all_derived.contains(n.as_str()) => {
                    format!("`{n}` is defined later in `[derived]`; a derived name may use only earlier ones")
                }
                _ => err.message.clone(),
            };
            return Err(cx.err(site.at(err.offset), msg));
        }
        let text = match &d.value.kind {
            Kind::Str(s) => s.clone(),
            _ => expr.as_constant().map(|q| q.to_string()).unwrap_or_default(),
        };
        derived.push(Derived { name: d.key.clone(), expression: text });
        exprs.push(PayoffExpr { expr, site });
        known.push(d.key.as_str());
    }
    Ok((derived, exprs))
}

/// `[scenarios]`: named parameter settings.
fn scenarios(cx: &Ctx<'_>, section: Option<&Entry>, parameters: &[Parameter]) -> Result<Vec<Scenario>, ModelError> {
    let mut out = Vec::new();
    if let Some(e) = section {
        for s in cx.table(&e.value, "`[scenarios]`")? {
            out.push(scenario(cx, s, parameters)?);
        }
    }
    Ok(out)
}

/// The game part of a strategic-form model: `[strategies]`, then `[payoffs]` and `[[payoff]]`.
fn normal_body(
    cx: &Ctx<'_>,
    entries: &[Entry],
    players_entry: &Entry,
    players: &[(String, Span)],
    names: &[&str],
) -> Result<NormalBody, ModelError> {
    let get = |k: &str| entries.iter().find(|e| e.key == k);
    let Some(strat_entry) = get("strategies") else {
        return Err(cx.err(players_entry.key_span.start, "missing `[strategies]`: list each player's strategies"));
    };
    let strat = strategies(cx, strat_entry, players)?;
    let game_players: Vec<Player> = players
        .iter()
        .zip(&strat)
        .map(|((name, _), s)| Player { name: name.clone(), strategies: s.iter().map(|(l, _)| l.clone()).collect() })
        .collect();
    let n = game_players.len();
    let mut num_profiles: usize = 1;
    for p in &game_players {
        num_profiles = num_profiles
            .checked_mul(p.strategies.len())
            .filter(|t| t.saturating_mul(n) <= MAX_PAYOFF_ENTRIES)
            .ok_or_else(|| {
                cx.err(strat_entry.value.span.start, "the game is too large (more than 50 million payoff entries)")
            })?;
    }
    let mut table = Payoffs::new(cx, &game_players, names);
    if let Some(e) = get("payoffs") {
        table.anchor = Some(e.value.span.start);
        let section = cx.table(&e.value, "`[payoffs]`")?;
        if !section.is_empty() {
            for (i, s) in strat.iter().enumerate() {
                if let Some((l, span)) = s.iter().find(|(l, _)| l.contains(',')) {
                    return Err(cx.err(
                        span.start,
                        format!(
                            "strategy `{l}` of `{}` contains a comma, so `[payoffs]` keys cannot name it; \
                             give its payoffs as `[[payoff]]` entries with `profile = [...]` instead",
                            game_players[i].name
                        ),
                    ));
                }
            }
        }
        for entry in section {
            table.keyed(entry)?;
        }
    }
    if let Some(e) = get("payoff") {
        for t in cx.array(&e.value, "`[[payoff]]`")? {
            table.listed(t)?;
        }
    }
    let payoffs = table.finish(num_profiles, strat_entry.value.span.start)?;
    Ok(NormalBody { players: game_players, payoffs })
}

/// `[strategies]`: each player's labels, in player order.
fn strategies(
    cx: &Ctx<'_>,
    strat_entry: &Entry,
    players: &[(String, Span)],
) -> Result<Vec<Vec<(String, Span)>>, ModelError> {
    let strat_table = cx.table(&strat_entry.value, "`[strategies]`")?;
    let index: HashMap<&str, usize> = players.iter().enumerate().map(|(i, (p, _))| (p.as_str(), i)).collect();
    let mut strategies: Vec<Option<Vec<(String, Span)>>> = vec![None; players.len()];
    for s in strat_table {
        let Some(&i) = index.get(s.key.as_str()) else {
            let names: Vec<&str> = players.iter().map(|(p, _)| p.as_str()).collect();
            let mut msg = format!("`{}` is not a player", s.key);
            if let Some(c) = close_names(&s.key, &names).first() {
                msg.push_str(&format!("; did you mean `{c}`?"));
            }
            let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            msg.push_str(&format!(" (players: {})", list.join(", ")));
            return Err(cx.err(s.key_span.start, msg));
        };
        let labels = cx.labels(&s.value, &format!("the strategies of `{}`", s.key))?;
        if labels.is_empty() {
            return Err(cx.err(s.value.span.start, format!("player `{}` has no strategies", s.key)));
        }
        strategies[i] = Some(labels);
    }
    strategies
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            s.ok_or_else(|| {
                cx.err(
                    strat_entry.value.span.start,
                    format!("`[strategies]` gives no strategies for player `{}`", players[i].0),
                )
            })
        })
        .collect()
}

/// The payoff table being filled: sparse until complete, so a huge declared game with few
/// payoffs costs nothing.
struct Payoffs<'c, 'p> {
    cx: &'c Ctx<'c>,
    players: &'p [Player],
    names: &'p [&'p str],
    /// Per player: label → strategy index.
    labels: Vec<HashMap<&'p str, usize>>,
    strides: Vec<usize>,
    player_list: String,
    slots: HashMap<usize, (Span, Vec<PayoffExpr>)>,
    /// Where a "missing payoffs" error points: the first payoff section.
    anchor: Option<usize>,
}

impl<'c, 'p> Payoffs<'c, 'p> {
    fn new(cx: &'c Ctx<'c>, players: &'p [Player], names: &'p [&'p str]) -> Self {
        let labels =
            players.iter().map(|p| p.strategies.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect()).collect();
        let player_list = players.iter().map(|p| format!("`{}`", p.name)).collect::<Vec<_>>().join(", ");
        Payoffs {
            cx,
            players,
            names,
            labels,
            strides: strides(players),
            player_list,
            slots: HashMap::new(),
            anchor: None,
        }
    }
    fn find_label(&self, i: usize, label: &str, at: usize) -> Result<usize, ModelError> {
        match self.labels[i].get(label) {
            Some(&k) => Ok(k),
            None => Err(unknown_label(self.cx, &self.players[i], label, at)),
        }
    }

    /// A `[payoffs]` entry: `"A, B" = [...]`.
    fn keyed(&mut self, entry: &Entry) -> Result<(), ModelError> {
        let cx = self.cx;
        let n = self.players.len();
        let site = cx.site(&entry.key_span);
        let parts: Vec<(usize, &str)> = split_profile_key(&entry.key);
        if parts.len() != n {
            return Err(cx.err(
                entry.key_span.start,
                format!(
                    "profile `{}` names {} {}; expected {n} (one per player: {}, separated by commas)",
                    entry.key,
                    parts.len(),
                    if parts.len() == 1 { "strategy" } else { "strategies" },
                    self.player_list
                ),
            ));
        }
        let mut profile = Vec::with_capacity(n);
        for (i, (off, label)) in parts.into_iter().enumerate() {
            profile.push(self.find_label(i, label, site.at(off))?);
        }
        self.put(profile, entry.key_span.clone(), &entry.value)
    }

    /// A `[[payoff]]` entry: `profile = [...]`, `values = [...]`.
    fn listed(&mut self, t: &Node) -> Result<(), ModelError> {
        let cx = self.cx;
        let n = self.players.len();
        self.anchor.get_or_insert(t.span.start);
        let fields = cx.table(t, "each `[[payoff]]` entry")?;
        cx.check_keys(fields, &["profile", "values"], " in `[[payoff]]`")?;
        let Some(pe) = fields.iter().find(|f| f.key == "profile") else {
            return Err(cx.err(t.span.start, "this `[[payoff]]` entry has no `profile = [...]`"));
        };
        let Some(ve) = fields.iter().find(|f| f.key == "values") else {
            return Err(cx.err(t.span.start, "this `[[payoff]]` entry has no `values = [...]`"));
        };
        let labels = cx.array(&pe.value, "`profile`")?;
        if labels.len() != n {
            return Err(cx.err(
                pe.value.span.start,
                format!(
                    "`profile` names {} strategies; expected {n} (one per player: {})",
                    labels.len(),
                    self.player_list
                ),
            ));
        }
        let mut profile = Vec::with_capacity(n);
        for (i, l) in labels.iter().enumerate() {
            let s = cx.str(l, "each entry of `profile`")?;
            profile.push(self.find_label(i, s, l.span.start)?);
        }
        self.put(profile, pe.value.span.clone(), &ve.value)
    }

    fn put(&mut self, profile: Vec<usize>, at: Span, values: &Node) -> Result<(), ModelError> {
        let cx = self.cx;
        let n = self.players.len();
        let idx: usize = profile.iter().zip(&self.strides).map(|(s, k)| s * k).sum();
        let label = profile_label(self.players, &profile);
        if let Some((first, _)) = self.slots.get(&idx) {
            let line = Location::from_offset(cx.file, cx.src, first.start).line;
            return Err(
                cx.err(at.start, format!("payoffs for profile `{label}` are given twice (first on line {line})"))
            );
        }
        let items = cx.array(values, &format!("the payoffs of `{label}`"))?;
        if items.len() != n {
            return Err(cx.err(
                values.span.start,
                format!("expected {n} payoffs (one per player: {}), found {}", self.player_list, items.len()),
            ));
        }
        let exprs = items
            .iter()
            .enumerate()
            .map(|(i, it)| cx.bound(it, self.names, &format!("the payoff of `{}`", self.players[i].name)))
            .collect::<Result<Vec<_>, _>>()?;
        self.slots.insert(idx, (at, exprs));
        Ok(())
    }

    /// Every profile's payoffs in Gambit order, or a "missing payoffs" error.
    fn finish(mut self, num_profiles: usize, strategies_at: usize) -> Result<Vec<PayoffExpr>, ModelError> {
        let cx = self.cx;
        let missing = num_profiles - self.slots.len();
        if let Some(first) = (0..num_profiles).find(|i| !self.slots.contains_key(i)) {
            let label = profile_label(self.players, &profile_at(self.players, first));
            let more = if missing > 1 { format!(" (and {} more)", missing - 1) } else { String::new() };
            return Err(match self.anchor {
                Some(a) => cx.err(a, format!("missing payoffs for profile `{label}`{more}")),
                None => cx.err(
                    strategies_at,
                    "the model gives no payoffs; add a `[payoffs]` table (`\"A, B\" = [1, 2]`) or `[[payoff]]` entries",
                ),
            });
        }
        Ok((0..num_profiles).flat_map(|i| self.slots.remove(&i).map(|(_, e)| e).unwrap_or_default()).collect())
    }
}

fn parameter(cx: &Ctx<'_>, e: &Entry) -> Result<Parameter, ModelError> {
    let name = e.key.clone();
    let Kind::Table(fields) = &e.value.kind else {
        let default = cx.constant(&e.value, &format!("parameter `{name}`"))?;
        return Ok(Parameter { name, default, range: None, meaning: String::new() });
    };
    cx.check_keys(fields, &["default", "range", "meaning"], &format!(" in parameter `{name}`"))?;
    let Some(d) = fields.iter().find(|f| f.key == "default") else {
        return Err(cx.err(e.value.span.start, format!("parameter `{name}` has no `default`")));
    };
    let default = cx.constant(&d.value, &format!("the default of `{name}`"))?;
    let meaning = match fields.iter().find(|f| f.key == "meaning") {
        Some(m) => cx.str(&m.value, "`meaning`")?.to_string(),
        None => String::new(),
    };
    let range = match fields.iter().find(|f| f.key == "range") {
        None => None,
        Some(r) => {
            let ends = cx.array(&r.value, "`range`")?;
            let [lo, hi] = ends else {
                return Err(cx.err(
                    r.value.span.start,
                    format!("`range` must have exactly two entries [min, max], found {}", ends.len()),
                ));
            };
            let lo_v = cx.constant(lo, "the range minimum")?;
            let hi_v = cx.constant(hi, "the range maximum")?;
            if lo_v > hi_v {
                return Err(cx.err(
                    r.value.span.start,
                    format!("the range of `{name}` is empty: minimum {lo_v} is greater than maximum {hi_v}"),
                ));
            }
            Some((lo_v, hi_v))
        }
    };
    if let Some(r) = &range {
        if default < r.0 || default > r.1 {
            return Err(cx.err(
                d.value.span.start,
                format!("the default {default} of `{name}` is outside its range {}", fmt_range(r)),
            ));
        }
    }
    Ok(Parameter { name, default, range, meaning })
}

fn scenario(cx: &Ctx<'_>, e: &Entry, parameters: &[Parameter]) -> Result<Scenario, ModelError> {
    let name = e.key.clone();
    let fields = cx.table(&e.value, &format!("scenario `{name}`"))?;
    cx.check_keys(fields, &["description", "set"], &format!(" in scenario `{name}`"))?;
    let description = match fields.iter().find(|f| f.key == "description") {
        Some(d) => cx.str(&d.value, "`description`")?.to_string(),
        None => String::new(),
    };
    let mut set = Vec::new();
    if let Some(s) = fields.iter().find(|f| f.key == "set") {
        let known: Vec<&str> = parameters.iter().map(|p| p.name.as_str()).collect();
        for a in cx.table(&s.value, "`set`")? {
            let Some(p) = parameters.iter().find(|p| p.name == a.key) else {
                let msg = unknown_name_message(&a.key, &known).replacen("unknown name", "unknown parameter", 1);
                return Err(cx.err(a.key_span.start, format!("scenario `{name}`: {msg}")));
            };
            let v = cx.constant(&a.value, &format!("the value of `{}`", a.key))?;
            if let Some(r) = &p.range {
                if v < r.0 || v > r.1 {
                    return Err(cx.err(
                        a.value.span.start,
                        format!("scenario `{name}` sets `{}` to {v}, outside its range {}", a.key, fmt_range(r)),
                    ));
                }
            }
            set.push((a.key.clone(), v));
        }
    }
    Ok(Scenario { name, description, set })
}

/// Splits `"A, B , C"` into trimmed labels with their byte offsets in the key.
fn split_profile_key(key: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for part in key.split(',') {
        let lead = part.len() - part.trim_start().len();
        out.push((start + lead, part.trim()));
        start += part.len() + 1;
    }
    out
}

/// "`label` is not a strategy of `player`", with a suggestion and the list of strategies.
fn unknown_label(cx: &Ctx<'_>, player: &Player, label: &str, at: usize) -> ModelError {
    let known: Vec<&str> = player.strategies.iter().map(String::as_str).collect();
    let mut msg = format!("`{label}` is not a strategy of `{}`", player.name);
    if let Some(c) = close_names(label, &known).first() {
        msg.push_str(&format!("; did you mean `{c}`?"));
    }
    let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
    msg.push_str(&format!(" (strategies of `{}`: {})", player.name, list.join(", ")));
    cx.err(at, msg)
}

fn strides(players: &[Player]) -> Vec<usize> {
    let mut out = Vec::with_capacity(players.len());
    let mut acc = 1usize;
    for p in players {
        out.push(acc);
        acc = acc.saturating_mul(p.strategies.len());
    }
    out
}

fn profile_at(players: &[Player], mut idx: usize) -> Vec<usize> {
    players
        .iter()
        .map(|p| {
            let k = p.strategies.len().max(1);
            let s = idx % k;
            idx /= k;
            s
        })
        .collect()
}

fn profile_label(players: &[Player], profile: &[usize]) -> String {
    players
        .iter()
        .zip(profile)
        .map(|(p, &s)| p.strategies.get(s).map_or("?", String::as_str))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes a game as a TOML model file with exact literal payoffs.
///
/// Uses the `[payoffs]` table when every label can be named in a `"A, B"` key (no commas, no
/// leading or trailing spaces, not empty), otherwise `[[payoff]]` entries.
pub fn write_toml(game: &NormalForm) -> String {
    let mut s = String::new();
    s.push_str(&format!("title = {}\n", toml_str(&game.title)));
    if !game.description.is_empty() {
        s.push_str(&format!("description = {}\n", toml_multiline(&game.description)));
    }
    let names: Vec<String> = game.players().iter().map(|p| toml_str(&p.name)).collect();
    s.push_str(&format!("players = [{}]\n\n[strategies]\n", names.join(", ")));
    for p in game.players() {
        let labels: Vec<String> = p.strategies.iter().map(|l| toml_str(l)).collect();
        s.push_str(&format!("{} = [{}]\n", toml_str(&p.name), labels.join(", ")));
    }
    let keyable =
        game.players().iter().flat_map(|p| &p.strategies).all(|l| !l.is_empty() && !l.contains(',') && l.trim() == l);
    let vals = |k: usize| game.payoffs_at(k).iter().map(toml_number).collect::<Vec<_>>().join(", ");
    if keyable {
        s.push_str("\n[payoffs]\n");
        for k in 0..game.num_profiles() {
            let label = profile_label(game.players(), &game.profile_at(k));
            s.push_str(&format!("{} = [{}]\n", toml_str(&label), vals(k)));
        }
    } else {
        for k in 0..game.num_profiles() {
            let prof = game.profile_at(k);
            let labels: Vec<String> =
                game.players().iter().zip(&prof).map(|(p, &i)| toml_str(&p.strategies[i])).collect();
            s.push_str(&format!("\n[[payoff]]\nprofile = [{}]\nvalues = [{}]\n", labels.join(", "), vals(k)));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Settings;
    use crate::num::{frac, q};

    const BASE: &str = r#"title = "T"
description = "D"
players = ["US", "DPRK"]

[parameters]
us_deal = { default = 3, range = [-10, 10], meaning = "m" }
share = "1/4"
x = 0.1

[derived]
S = "us_deal * share"

[strategies]
US = ["Concede", "Hold"]
DPRK = ["Concede", "Hold"]

[payoffs]
"Concede, Concede" = ["us_deal", "S"]
"Concede, Hold"    = [1, 2.5]
"Hold, Concede"    = ["x", "-1/2"]

[[payoff]]
profile = ["Hold", "Hold"]
values = [0, "max(us_deal, 7) - 1"]

[scenarios.base]
description = "Defaults"
[scenarios.low]
set = { us_deal = -4 }
"#;

    /// Parses BASE with `from` replaced by `to`; returns the error's (line, column, message).
    fn err_of(from: &str, to: &str) -> (usize, usize, String) {
        let src = BASE.replacen(from, to, 1);
        assert_ne!(src, BASE, "pattern {from:?} not found");
        let e = parse_model("m.toml", &src)
            .and_then(|m| {
                m.game(&Settings::default()).map_err(|e| match e {
                    crate::Error::Model(m) => m,
                    other => panic!("not a model error: {other}"),
                })
            })
            .unwrap_err();
        (e.location.line, e.location.column, e.message)
    }

    #[test]
    fn parses_the_base_model() {
        let m = parse_model("m.toml", BASE).unwrap();
        assert_eq!(m.parameters.len(), 3);
        assert_eq!(m.parameters[1].default, frac(1, 4));
        assert_eq!(m.parameters[2].default, frac(1, 10));
        assert_eq!(m.parameters[0].range, Some((q(-10), q(10))));
        let g = m.game(&Settings::default()).unwrap();
        assert_eq!(g.title, "T");
        assert_eq!(g.payoff(&[0, 0], 1), &frac(3, 4));
        assert_eq!(g.payoff(&[0, 1], 1), &frac(5, 2));
        assert_eq!(g.payoff(&[1, 0], 0), &frac(1, 10));
        assert_eq!(g.payoff(&[1, 1], 1), &q(6));
        let s = Settings { scenario: Some("low".into()), set: vec![("share".into(), q(1))] };
        let g = m.game(&s).unwrap();
        assert_eq!(g.payoff(&[0, 0], 1), &q(-4));
        assert_eq!(m.named_values(&s).unwrap()[0], ("us_deal".to_string(), q(-4)));
    }

    #[test]
    fn syntax_and_keys() {
        assert_eq!(err_of("title = \"T\"", "title = \"T"), (1, 11, "TOML syntax error: invalid basic string".into()));
        let (l, c, m) = err_of("[payoffs]", "[payof]");
        assert_eq!((l, c), (17, 2));
        assert!(m.contains("unknown key `payof`; did you mean `payoff`?"), "{m}");
        let (l, c, m) = err_of("meaning = \"m\"", "meening = \"m\"");
        assert_eq!((l, c), (6, 45));
        assert!(m.contains("did you mean `meaning`"), "{m}");
    }

    #[test]
    fn kinds() {
        let src = BASE.replacen("players", "kind = \"multistage\"\nplayers", 1);
        let e = parse_model("m.toml", &src).unwrap_err();
        assert!(
            e.message.contains("`strategies` is a key of normal models, but this is a multistage model"),
            "{}",
            e.message
        );
        let src = BASE.replacen("players", "kind = \"tree\"\nplayers", 1);
        let e = parse_model("m.toml", &src).unwrap_err();
        assert!(
            e.message.contains("`strategies` is a key of normal models, but this is a tree model"),
            "{}",
            e.message
        );
        let src = BASE.replacen("players", "kind = \"normal\"\nplayers", 1);
        assert!(parse_model("m.toml", &src).is_ok());
    }

    #[test]
    fn expression_errors_point_inside_strings() {
        let (l, c, m) = err_of("\"us_deal\", \"S\"", "\"us_dael\", \"S\"");
        assert_eq!((l, c), (18, 24));
        assert!(m.contains("did you mean `us_deal`?"), "{m}");
        let (l, c, m) = err_of("\"-1/2\"", "\"-1/(x - 1/10)\"");
        assert_eq!((l, c), (20, 31));
        assert!(m.starts_with("division by zero (with x = 1/10)"), "{m}");
        let (l, c, _) = err_of("\"-1/2\"", "\"-1/\\u0030\"");
        assert_eq!((l, c), (20, 28));
        let (l, c, m) = err_of("\"-1/2\"", "'1 + * 2'");
        assert_eq!((l, c), (20, 33));
        assert!(m.contains("unexpected `*`"), "{m}");
        let (l, c, m) = err_of("share = \"1/4\"", "share = \"1/0\"");
        assert_eq!((l, c), (7, 11));
        assert!(m.contains("division by zero"), "{m}");
        let (l, c, m) = err_of("share = \"1/4\"", "share = \"us_deal\"");
        assert_eq!((l, c), (7, 10));
        assert!(m.contains("must be a constant"), "{m}");
        let (l, c, m) = err_of("S = \"us_deal * share\"", "S = \"us_deal * T\"\nT = \"1\"");
        assert_eq!((l, c), (11, 16));
        assert!(m.contains("defined later"), "{m}");
        let (l, c, m) = err_of("S = \"us_deal * share\"", "share = \"us_deal\"");
        assert_eq!((l, c), (11, 1));
        assert!(m.contains("already a parameter (line 7)"), "{m}");
        let (l, c, m) = err_of("x = 0.1", "min = 0.1");
        assert_eq!((l, c), (8, 1));
        assert!(m.contains("function name"), "{m}");
        let (_, _, m) = err_of("x = 0.1", "\"a b\" = 0.1");
        assert!(m.contains("not a valid parameter name"), "{m}");
    }

    #[test]
    fn structure_errors() {
        let (l, c, m) = err_of("[\"US\", \"DPRK\"]", "[\"US\", \"US\"]");
        assert_eq!((l, c), (3, 18));
        assert!(m.contains("duplicate label `US`"), "{m}");
        let (l, c, m) = err_of("US = [\"Concede\", \"Hold\"]", "US = [\"Concede\", \"Concede\"]");
        assert_eq!((l, c), (14, 18));
        assert!(m.contains("duplicate label `Concede`"), "{m}");
        let (l, c, m) = err_of("US = [\"Concede\", \"Hold\"]", "US = []");
        assert_eq!((l, c), (14, 6));
        assert!(m.contains("no strategies"), "{m}");
        let (l, c, m) = err_of("US = [\"Concede\", \"Hold\"]", "UK = [\"Concede\", \"Hold\"]");
        assert_eq!((l, c), (14, 1));
        assert!(m.contains("`UK` is not a player; did you mean `US`?"), "{m}");
        let (l, c, m) = err_of("US = [\"Concede\", \"Hold\"]\n", "");
        assert_eq!((l, c), (13, 1));
        assert!(m.contains("no strategies for player `US`"), "{m}");
        let (l, c, m) = err_of("\"Concede, Hold\"", "\"Concede, Hld\"");
        assert_eq!((l, c), (19, 11));
        assert!(m.contains("`Hld` is not a strategy of `DPRK`; did you mean `Hold`?"), "{m}");
        let (l, c, m) = err_of("\"Concede, Hold\"", "\"Concede\"");
        assert_eq!((l, c), (19, 1));
        assert!(m.contains("names 1 strategy; expected 2"), "{m}");
        let (l, c, m) = err_of("\"Concede, Hold\"", "\"Concede,Concede\"");
        assert_eq!((l, c), (19, 1));
        assert!(m.contains("given twice (first on line 18)"), "{m}");
        let (l, c, m) = err_of("\"Concede, Hold\"    = [1, 2.5]\n", "");
        assert_eq!((l, c), (17, 1));
        assert!(m.contains("missing payoffs for profile `Concede, Hold`"), "{m}");
        let (l, c, m) = err_of("[1, 2.5]", "[1, 2.5, 3]");
        assert_eq!((l, c), (19, 22));
        assert!(m.contains("expected 2 payoffs"), "{m}");
        let (l, c, m) = err_of("[\"Concede\", \"Hold\"]\n\n", "[\"Concede\", \"Ho,ld\"]\n\n");
        assert_eq!((l, c), (15, 20));
        assert!(m.contains("[[payoff]]"), "{m}");
        let (l, c, m) = err_of("profile = [\"Hold\", \"Hold\"]", "profile = [\"Hold\", \"Hold\"]\nvalue = 1");
        assert_eq!((l, c), (24, 1));
        assert!(m.contains("unknown key `value`"), "{m}");
    }

    #[test]
    fn parameter_and_scenario_errors() {
        let (l, c, m) = err_of("range = [-10, 10]", "range = [10, -10]");
        assert_eq!((l, c), (6, 34));
        assert!(m.contains("minimum 10 is greater than maximum -10"), "{m}");
        let (l, c, m) = err_of("default = 3", "default = 30");
        assert_eq!((l, c), (6, 23));
        assert!(m.contains("outside its range [-10, 10]"), "{m}");
        let (l, c, m) = err_of("us_deal = -4", "us_dea = -4");
        assert_eq!((l, c), (29, 9));
        assert!(m.contains("unknown parameter `us_dea`; did you mean `us_deal`?"), "{m}");
        let (l, c, m) = err_of("us_deal = -4", "us_deal = \"-44/2\"");
        assert_eq!((l, c), (29, 19));
        assert!(m.contains("outside its range"), "{m}");
        let (l, c, m) = err_of("description = \"Defaults\"", "descr = 1");
        assert_eq!((l, c), (27, 1));
        assert!(m.contains("unknown key `descr`"), "{m}");
    }

    #[test]
    fn settings_errors() {
        let m = parse_model("m.toml", BASE).unwrap();
        let e = m.values(&Settings { scenario: Some("hi".into()), set: vec![] }).unwrap_err().to_string();
        assert!(e.contains("unknown scenario `hi`") && e.contains("`base`, `low`"), "{e}");
        let e = m.values(&Settings { scenario: None, set: vec![("sharre".into(), q(1))] }).unwrap_err().to_string();
        assert!(e.contains("unknown parameter `sharre`; did you mean `share`?"), "{e}");
        let e = m.values(&Settings { scenario: None, set: vec![("us_deal".into(), q(11))] }).unwrap_err().to_string();
        assert!(e.contains("[-10, 10]"), "{e}");
        let s =
            Settings { scenario: Some("low".into()), set: vec![("us_deal".into(), q(2)), ("us_deal".into(), q(5))] };
        assert_eq!(m.values(&s).unwrap()[0], q(5));
    }

    #[test]
    fn writer_round_trips() {
        let m = parse_model("m.toml", BASE).unwrap();
        let g = m.game(&Settings::default()).unwrap();
        let text = write_toml(&g);
        assert!(text.contains("[payoffs]") && text.contains("\"1/10\""), "{text}");
        let back = parse_model("w.toml", &text).unwrap().game(&Settings::default()).unwrap();
        assert_eq!(back, g);
        let players = vec![
            Player { name: "A \"q\"".into(), strategies: vec!["x, y".into(), " z".into()] },
            Player { name: "B".into(), strategies: vec!["".into()] },
        ];
        let mut g = NormalForm::from_flat("t\\", players, vec![frac(-1, 3), q(2), q(0), q(i64::MAX) * q(4)]).unwrap();
        g.description = "line 1\nline \"2\"".into();
        let text = write_toml(&g);
        assert!(text.contains("[[payoff]]"), "{text}");
        let back = parse_model("w.toml", &text).unwrap().game(&Settings::default()).unwrap();
        assert_eq!(back, g);
        assert_eq!(back.description, g.description);
    }

    #[test]
    fn parameter_sub_tables_and_float_text() {
        let src = "players = [\"A\"]\n[parameters.p]\ndefault = 0.30000000000000004\nrange = [0, 1_000]\n\
                   [strategies]\nA = [\"x\"]\n[payoffs]\nx = [\"p\"]\n";
        let m = parse_model("m.toml", src).unwrap();
        assert_eq!(m.parameters[0].default, crate::num::parse_q("0.30000000000000004").unwrap());
        assert_eq!(m.parameters[0].range, Some((q(0), q(1000))));
        let e = parse_model("m.toml", &src.replace("x = [", "y = [")).unwrap_err();
        assert_eq!((e.location.line, e.location.column), (8, 1));
        assert!(e.message.contains("`y` is not a strategy of `A`"), "{}", e.message);
        let e = parse_model("m.toml", &src.replace("players", "kind = \"sequential\"\nplayers")).unwrap_err();
        assert!(e.message.contains("unknown kind `sequential`"), "{}", e.message);
    }
}

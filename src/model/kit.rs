//! The parsing kit shared by the TOML readers (`toml_model`, `tree_model`, `multistage_model`):
//! a span-carrying copy of the TOML document ([`Node`], [`Entry`]), located error construction
//! and typed accessors ([`Ctx`]), name checks, payoff vectors, and the TOML value writers.
//!
//! The three readers import this file and never each other's helpers, so `model/` has no
//! import circles: `toml_model` → `tree_model`/`multistage_model` → `kit`.

use super::expr::{close_names, Expr, ExprError, FUNCTIONS};
use crate::error::ModelError;
use crate::num::{from_f64_shortest, parse_q, Q};
use std::collections::HashMap;
use std::ops::Range;

pub(super) type Span = Range<usize>;

/// A TOML value with its byte span in the source.
#[derive(Debug)]
pub(super) struct Node {
    pub(super) span: Span,
    pub(super) kind: Kind,
}

#[derive(Debug)]
pub(super) enum Kind {
    Str(String),
    Int(i64),
    Float(f64),
    Bool,
    Datetime,
    Array(Vec<Node>),
    Table(Vec<Entry>),
}

#[derive(Debug)]
pub(super) struct Entry {
    pub(super) key: String,
    pub(super) key_span: Span,
    pub(super) value: Node,
}

impl Kind {
    pub(super) fn describe(&self) -> &'static str {
        match self {
            Kind::Str(_) => "a string",
            Kind::Int(_) => "an integer",
            Kind::Float(_) => "a float",
            Kind::Bool => "a boolean",
            Kind::Datetime => "a date-time",
            Kind::Array(_) => "an array",
            Kind::Table(_) => "a table",
        }
    }
}

pub(super) fn convert_item(item: &toml_edit::Item, fallback: &Span) -> Option<Node> {
    use toml_edit::Item;
    match item {
        Item::None => None,
        Item::Value(v) => Some(convert_value(v, fallback)),
        Item::Table(t) => Some(convert_table(t, fallback)),
        Item::ArrayOfTables(a) => {
            let span = a.span().unwrap_or_else(|| fallback.clone());
            let items = a.iter().map(|t| convert_table(t, &span)).collect::<Vec<_>>();
            Some(Node { span, kind: Kind::Array(items) })
        }
    }
}

/// A table (the document itself, a `[section]` or an `[[array]]` entry), without copying it.
pub(super) fn convert_table(t: &toml_edit::Table, fallback: &Span) -> Node {
    let span = t.span().unwrap_or_else(|| fallback.clone());
    let mut entries = Vec::new();
    for (k, v) in t.iter() {
        let key_span = t.key(k).and_then(|k| k.span()).unwrap_or_else(|| span.clone());
        if let Some(value) = convert_item(v, &key_span) {
            entries.push(Entry { key: k.to_string(), key_span, value });
        }
    }
    Node { span, kind: Kind::Table(entries) }
}

fn convert_value(v: &toml_edit::Value, fallback: &Span) -> Node {
    use toml_edit::Value;
    let span = v.span().unwrap_or_else(|| fallback.clone());
    let kind = match v {
        Value::String(s) => Kind::Str(s.value().clone()),
        Value::Integer(i) => Kind::Int(*i.value()),
        Value::Float(f) => Kind::Float(*f.value()),
        Value::Boolean(_) => Kind::Bool,
        Value::Datetime(_) => Kind::Datetime,
        Value::Array(a) => Kind::Array(a.iter().map(|x| convert_value(x, &span)).collect()),
        Value::InlineTable(t) => {
            let mut entries = Vec::new();
            for (k, x) in t.iter() {
                let key_span = t.key(k).and_then(|k| k.span()).unwrap_or_else(|| span.clone());
                let value = convert_value(x, &key_span);
                entries.push(Entry { key: k.to_string(), key_span, value });
            }
            Kind::Table(entries)
        }
    };
    Node { span, kind }
}

/// Error construction and source positions.
pub(super) struct Ctx<'a> {
    pub(super) file: &'a str,
    pub(super) src: &'a str,
}

impl Ctx<'_> {
    pub(super) fn err(&self, offset: usize, msg: impl Into<String>) -> ModelError {
        ModelError::at(self.file, self.src, offset, msg)
    }

    /// Where byte `i` of a string's value lies in the source, given the span of the quoted string.
    pub(super) fn site(&self, span: &Span) -> Site {
        let raw = self.src.get(span.clone()).unwrap_or("");
        let exact = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
            false
        } else if raw.starts_with('\'') {
            true
        } else if raw.starts_with('"') {
            !raw.contains('\\')
        } else {
            // A bare key: the text is the value.
            return Site { offset: span.start, exact: true };
        };
        Site { offset: if exact { span.start + 1 } else { span.start }, exact }
    }

    pub(super) fn expr_err(&self, site: Site, e: &ExprError) -> ModelError {
        self.err(site.at(e.offset), e.message.clone())
    }

    pub(super) fn str<'n>(&self, node: &'n Node, what: &str) -> Result<&'n str, ModelError> {
        match &node.kind {
            Kind::Str(s) => Ok(s),
            k => Err(self.err(node.span.start, format!("{what} must be a string, found {}", k.describe()))),
        }
    }

    pub(super) fn array<'n>(&self, node: &'n Node, what: &str) -> Result<&'n [Node], ModelError> {
        match &node.kind {
            Kind::Array(a) => Ok(a),
            k => Err(self.err(node.span.start, format!("{what} must be an array `[...]`, found {}", k.describe()))),
        }
    }

    pub(super) fn table<'n>(&self, node: &'n Node, what: &str) -> Result<&'n [Entry], ModelError> {
        match &node.kind {
            Kind::Table(t) => Ok(t),
            k => Err(self.err(node.span.start, format!("{what} must be a table, found {}", k.describe()))),
        }
    }

    /// Rejects keys not in `allowed`.
    pub(super) fn check_keys(&self, entries: &[Entry], allowed: &[&str], within: &str) -> Result<(), ModelError> {
        for e in entries {
            if !allowed.contains(&e.key.as_str()) {
                let mut msg = format!("unknown key `{}`{within}", e.key);
                if let Some(c) = close_names(&e.key, allowed).first() {
                    msg.push_str(&format!("; did you mean `{c}`?"));
                }
                let list: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
                msg.push_str(&format!(" (expected one of {})", list.join(", ")));
                return Err(self.err(e.key_span.start, msg));
            }
        }
        Ok(())
    }

    /// A string list with no duplicates; returns the labels and their spans.
    pub(super) fn labels(&self, node: &Node, what: &str) -> Result<Vec<(String, Span)>, ModelError> {
        let items = self.array(node, what)?;
        let mut out: Vec<(String, Span)> = Vec::with_capacity(items.len());
        // Label → its first span: linear, so 200,000 labels cost milliseconds.
        let mut seen: HashMap<&str, &Span> = HashMap::with_capacity(items.len());
        for it in items {
            let s = self.str(it, &format!("each entry of {what}"))?;
            if let Some(first) = seen.insert(s, &it.span) {
                let line = crate::error::Location::from_offset(self.file, self.src, first.start).line;
                return Err(
                    self.err(it.span.start, format!("duplicate label `{s}` in {what} (first given on line {line})"))
                );
            }
            out.push((s.to_string(), it.span.clone()));
        }
        Ok(out)
    }

    /// An exact constant: an integer, a float (its decimal text, exactly) or a string holding
    /// a constant expression such as `"-7/2"` or `"1e-3"`.
    pub(super) fn constant(&self, node: &Node, what: &str) -> Result<Q, ModelError> {
        match &node.kind {
            Kind::Int(i) => Ok(Q::from_integer((*i).into())),
            Kind::Float(f) => {
                if !f.is_finite() {
                    return Err(self.err(node.span.start, format!("{what} must be a finite number")));
                }
                let raw: String = self.src.get(node.span.clone()).unwrap_or("").chars().filter(|c| *c != '_').collect();
                if let Err(e) = super::limits::check_digits(&raw) {
                    return Err(self.err(node.span.start, format!("{what}: {e}")));
                }
                let v = parse_q(&raw)
                    .ok()
                    .or_else(|| from_f64_shortest(*f))
                    .ok_or_else(|| self.err(node.span.start, format!("{what} must be a finite number")))?;
                super::limits::check_value_digits(&v).map_err(|e| self.err(node.span.start, format!("{what}: {e}")))?;
                Ok(v)
            }
            Kind::Str(s) => {
                let site = self.site(&node.span);
                let e = Expr::parse(s).map_err(|e| self.expr_err(site, &e))?;
                if let Some((name, pos)) = e.identifiers().into_iter().next() {
                    return Err(self.err(
                        site.at(pos),
                        format!("{what} must be a constant (a number or an expression of numbers); it cannot use the name `{name}`"),
                    ));
                }
                e.eval(&[]).map_err(|e| self.expr_err(site, &e))
            }
            k => Err(self.err(
                node.span.start,
                format!(
                    "{what} must be a number or a string holding an exact number like \"-7/2\", found {}",
                    k.describe()
                ),
            )),
        }
    }

    /// An expression (as [`Ctx::expression`]) bound to the parameter and derived `names`.
    pub(super) fn bound(&self, node: &Node, names: &[&str], what: &str) -> Result<PayoffExpr, ModelError> {
        let (mut expr, site) = self.expression(node, what)?;
        expr.bind(names).map_err(|e| self.expr_err(site, &e))?;
        Ok(PayoffExpr { expr, site })
    }

    /// A payoff or derived expression: a number, or a string with an expression.
    pub(super) fn expression(&self, node: &Node, what: &str) -> Result<(Expr, Site), ModelError> {
        match &node.kind {
            Kind::Str(s) => {
                let site = self.site(&node.span);
                let e = Expr::parse(s).map_err(|e| self.expr_err(site, &e))?;
                Ok((e, site))
            }
            _ => {
                let v = self.constant(node, what)?;
                Ok((Expr::constant(v), Site { offset: node.span.start, exact: false }))
            }
        }
    }
}

/// Where an expression's text lies in the model source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Site {
    /// Byte offset of the expression's first character (or of the value, when not `exact`).
    pub(crate) offset: usize,
    /// True if byte `i` of the expression is at `offset + i` in the source (no escapes).
    pub(crate) exact: bool,
}

impl Site {
    /// The source offset of byte `i` of the expression.
    pub(crate) fn at(self, i: usize) -> usize {
        if self.exact {
            self.offset + i
        } else {
            self.offset
        }
    }
}

/// A parsed expression and where it came from.
#[derive(Debug, Clone)]
pub(crate) struct PayoffExpr {
    pub(crate) expr: Expr,
    pub(crate) site: Site,
}

pub(super) fn is_identifier(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some(f) if f.is_ascii_alphabetic() || f == '_')
        && c.all(|x| x.is_ascii_alphanumeric() || x == '_')
}

pub(super) fn check_name(cx: &Ctx<'_>, e: &Entry, what: &str) -> Result<(), ModelError> {
    if !is_identifier(&e.key) {
        return Err(cx.err(
            e.key_span.start,
            format!("`{}` is not a valid {what} name (use letters, digits and `_`, not starting with a digit)", e.key),
        ));
    }
    if FUNCTIONS.contains(&e.key.as_str()) {
        return Err(cx.err(e.key_span.start, format!("`{}` is a function name and cannot be a {what} name", e.key)));
    }
    Ok(())
}

/// Quotes a string as a TOML basic string (one line, escaped).
pub(super) fn toml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(super) fn toml_multiline(s: &str) -> String {
    if !s.contains('\n') {
        return toml_str(s);
    }
    let mut out = String::from("\"\"\"\n");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push('\n'),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

/// An exact number as a TOML value: an integer when it fits, else a string like "-7/2".
pub(super) fn toml_number(x: &Q) -> String {
    if x.is_integer() {
        if let Ok(i) = i64::try_from(x.to_integer()) {
            return i.to_string();
        }
    }
    toml_str(&x.to_string())
}

/// A payoff vector: an array of one expression per player, bound to `names`.
pub(super) fn payoff_vector(
    cx: &Ctx<'_>,
    node: &Node,
    players: &[String],
    names: &[&str],
    what: &str,
) -> Result<Vec<PayoffExpr>, ModelError> {
    let items = cx.array(node, what)?;
    let n = players.len();
    if items.len() != n {
        let list = players.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ");
        return Err(cx.err(
            node.span.start,
            format!("{what}: expected {n} payoffs (one per player: {list}), found {}", items.len()),
        ));
    }
    items.iter().enumerate().map(|(i, it)| cx.bound(it, names, &format!("the payoff of `{}`", players[i]))).collect()
}

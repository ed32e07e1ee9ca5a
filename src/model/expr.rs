//! Payoff expressions: parsed once into a small AST, evaluated exactly over [`Q`].
//!
//! Grammar (lowest precedence first):
//!
//! ```text
//! expr    := term (('+' | '-') term)*
//! term    := unary (('*' | '/') unary)*
//! unary   := ('-' | '+') unary | power
//! power   := atom ('^' unary)?            right-associative; -2^2 = -4
//! atom    := number | name | name '(' expr (',' expr)* ')' | '(' expr ')'
//! number  := 3 | 0.25 | .5 | 1e-3 | 2.5E+2   (exact decimals)
//! name    := [A-Za-z_][A-Za-z0-9_]*
//! ```
//!
//! Functions: `min(a, b, ...)`, `max(a, b, ...)`, `abs(x)`. Every error carries the byte
//! offset of the offending character inside the expression text.

use crate::num::{pow_q, Q};
use num_traits::{Signed, ToPrimitive, Zero};
use std::fmt;

/// Names that are functions and so cannot be parameter or derived names.
pub const FUNCTIONS: &[&str] = &["min", "max", "abs"];

/// Deepest nesting of parentheses, unary signs and powers accepted (guards the stack).
const MAX_DEPTH: usize = 200;

/// Largest value an expression may produce on the way, in bits of numerator or denominator:
/// what `--max-digits` allows a written number (10,000 digits, about 33,000 bits, by default).
/// Every sum, product, quotient and power is checked, so an expression of a few hundred bytes
/// cannot build numbers of millions of digits (at 2^20 bits, fuzzing found `22^422^2` taking
/// seconds; products of powers just under the power cap took tens of milliseconds each).
fn max_value_bits() -> u64 {
    let digits = crate::game::budget::limits().digits;
    ((digits as f64) * std::f64::consts::LOG2_10).ceil() as u64 + 1
}

/// The value-size check after one operation: `Err` names the operator's position.
fn check_size(v: &Q, pos: usize, max_bits: u64) -> Result<(), ExprError> {
    if v.numer().bits().max(v.denom().bits()) > max_bits {
        return Err(ExprError::new(
            pos,
            format!(
                "the value is too large here (over about {} digits; raise it with --max-digits)",
                crate::game::budget::limits().digits
            ),
        ));
    }
    Ok(())
}

/// An error inside an expression, at a byte offset of the expression text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// Byte offset inside the expression text.
    pub offset: usize,
    /// What went wrong.
    pub message: String,
}

impl ExprError {
    fn new(offset: usize, message: impl Into<String>) -> ExprError {
        ExprError { offset, message: message.into() }
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at offset {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for ExprError {}

/// A built-in function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Func {
    Min,
    Max,
    Abs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MulOp {
    Mul,
    Div,
}

#[derive(Debug, Clone)]
enum Node {
    Num(Q),
    /// A name; `slot` is set by [`Expr::bind`].
    Var {
        name: String,
        pos: usize,
        slot: Option<usize>,
    },
    Neg(Box<Node>),
    /// A chain `a ± b ± c`: (negate?, operator offset, term); the first term's offset is where
    /// it starts. Flat so long chains don't nest deeply.
    Sum(Vec<(bool, usize, Node)>),
    /// A chain `a * b / c`: the first factor, then (operator, operator offset, factor).
    Product(Box<Node>, Vec<(MulOp, usize, Node)>),
    Pow {
        base: Box<Node>,
        exp: Box<Node>,
        pos: usize,
    },
    Call {
        func: Func,
        args: Vec<Node>,
    },
}

/// A parsed expression.
///
/// Parse with [`Expr::parse`], resolve names to value slots with [`Expr::bind`], then
/// evaluate as often as needed with [`Expr::eval`].
#[derive(Debug, Clone)]
pub struct Expr {
    root: Node,
}

impl Expr {
    /// Parses an expression.
    pub fn parse(src: &str) -> Result<Expr, ExprError> {
        let tokens = tokenize(src)?;
        let mut p = Parser { tokens, i: 0, depth: 0, len: src.len() };
        if p.tokens.is_empty() {
            return Err(ExprError::new(0, "empty expression; expected a number, a name or `(`"));
        }
        let root = p.expr()?;
        if let Some(t) = p.peek() {
            let msg = match t.kind {
                Tok::RParen => "unexpected `)` (no matching `(`)".to_string(),
                _ => format!("unexpected {}; expected an operator (+ - * / ^) or the end", t.kind.describe()),
            };
            return Err(ExprError::new(t.pos, msg));
        }
        Ok(Expr { root })
    }

    /// An expression that is just the number `x`.
    pub fn constant(x: Q) -> Expr {
        Expr { root: Node::Num(x) }
    }

    /// The number this expression is, if it is a plain number (or a negated one).
    pub fn as_constant(&self) -> Option<Q> {
        match &self.root {
            Node::Num(x) => Some(x.clone()),
            Node::Neg(inner) => match inner.as_ref() {
                Node::Num(x) => Some(-x.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    /// The names the expression uses, with the byte offset of each use, in order of appearance.
    pub fn identifiers(&self) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        walk(&self.root, &mut |n| {
            if let Node::Var { name, pos, .. } = n {
                out.push((name.clone(), *pos));
            }
        });
        out
    }

    /// Resolves every name to its index in `names` (the slot used by [`Expr::eval`]).
    ///
    /// An unknown name is an error at the name, suggesting close names from `names`.
    pub fn bind(&mut self, names: &[&str]) -> Result<(), ExprError> {
        let mut err = None;
        walk_mut(&mut self.root, &mut |n| {
            if let Node::Var { name, pos, slot } = n {
                match names.iter().position(|k| k == name) {
                    Some(i) => *slot = Some(i),
                    None => {
                        if err.is_none() {
                            err = Some(ExprError::new(*pos, unknown_name_message(name, names)));
                        }
                    }
                }
            }
        });
        err.map_or(Ok(()), Err)
    }

    /// Evaluates exactly with `values[slot]` for each name bound by [`Expr::bind`].
    ///
    /// An unbound name, division by zero, a non-integer exponent or an oversized power is an
    /// error located at the name or operator.
    pub fn eval(&self, values: &[Q]) -> Result<Q, ExprError> {
        eval(&self.root, values, max_value_bits())
    }

    /// Convenience: binds a copy to `env`'s names and evaluates it with `env`'s values.
    pub fn eval_with(&self, env: &[(String, Q)]) -> Result<Q, ExprError> {
        let names: Vec<&str> = env.iter().map(|(n, _)| n.as_str()).collect();
        let values: Vec<Q> = env.iter().map(|(_, v)| v.clone()).collect();
        let mut e = self.clone();
        e.bind(&names)?;
        e.eval(&values)
    }
}

/// The message for an unknown name: close matches from `known`, or the full list if short.
pub fn unknown_name_message(name: &str, known: &[&str]) -> String {
    let mut msg = format!("unknown name `{name}`");
    let close = close_names(name, known);
    if !close.is_empty() {
        let list: Vec<String> = close.iter().map(|c| format!("`{c}`")).collect();
        msg.push_str(&format!("; did you mean {}?", list.join(" or ")));
    } else if known.is_empty() {
        msg.push_str("; there are no parameters to refer to");
    } else if known.len() <= 12 {
        let list: Vec<String> = known.iter().map(|c| format!("`{c}`")).collect();
        msg.push_str(&format!("; known names: {}", list.join(", ")));
    }
    msg
}

/// Names from `known` close to `name` (edit distance, case-insensitive), best first, at most three.
pub fn close_names<'a>(name: &str, known: &[&'a str]) -> Vec<&'a str> {
    let lower = name.to_lowercase();
    let limit = (name.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, &'a str)> = known
        .iter()
        .filter_map(|k| {
            let d = edit_distance(&lower, &k.to_lowercase());
            (d <= limit).then_some((d, *k))
        })
        .collect();
    scored.sort_by_key(|(d, _)| *d);
    scored.into_iter().take(3).map(|(_, k)| k).collect()
}

/// Edit distance counting insertions, deletions, substitutions and swaps of neighbours.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // d[i][j]: distance between a[..i] and b[..j].
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j - 1] + cost).min(d[i - 1][j] + 1).min(d[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

fn walk(n: &Node, f: &mut impl FnMut(&Node)) {
    f(n);
    match n {
        Node::Num(_) | Node::Var { .. } => {}
        Node::Neg(x) => walk(x, f),
        Node::Sum(terms) => terms.iter().for_each(|(_, _, t)| walk(t, f)),
        Node::Product(first, rest) => {
            walk(first, f);
            rest.iter().for_each(|(_, _, t)| walk(t, f));
        }
        Node::Pow { base, exp, .. } => {
            walk(base, f);
            walk(exp, f);
        }
        Node::Call { args, .. } => args.iter().for_each(|a| walk(a, f)),
    }
}

fn walk_mut(n: &mut Node, f: &mut impl FnMut(&mut Node)) {
    f(n);
    match n {
        Node::Num(_) | Node::Var { .. } => {}
        Node::Neg(x) => walk_mut(x, f),
        Node::Sum(terms) => terms.iter_mut().for_each(|(_, _, t)| walk_mut(t, f)),
        Node::Product(first, rest) => {
            walk_mut(first, f);
            rest.iter_mut().for_each(|(_, _, t)| walk_mut(t, f));
        }
        Node::Pow { base, exp, .. } => {
            walk_mut(base, f);
            walk_mut(exp, f);
        }
        Node::Call { args, .. } => args.iter_mut().for_each(|a| walk_mut(a, f)),
    }
}

fn eval(n: &Node, values: &[Q], max_bits: u64) -> Result<Q, ExprError> {
    Ok(match n {
        Node::Num(x) => x.clone(),
        Node::Var { name, pos, slot } => match slot.and_then(|s| values.get(s)) {
            Some(v) => v.clone(),
            None => return Err(ExprError::new(*pos, format!("unknown name `{name}`"))),
        },
        Node::Neg(x) => -eval(x, values, max_bits)?,
        Node::Sum(terms) => {
            let mut acc = Q::zero();
            for (neg, pos, t) in terms {
                let v = eval(t, values, max_bits)?;
                if *neg {
                    acc -= v;
                } else {
                    acc += v;
                }
                check_size(&acc, *pos, max_bits)?;
            }
            acc
        }
        Node::Product(first, rest) => {
            let mut acc = eval(first, values, max_bits)?;
            for (op, pos, t) in rest {
                let v = eval(t, values, max_bits)?;
                match op {
                    MulOp::Mul => acc *= v,
                    MulOp::Div => {
                        if v.is_zero() {
                            return Err(ExprError::new(*pos, "division by zero"));
                        }
                        acc /= v;
                    }
                }
                check_size(&acc, *pos, max_bits)?;
            }
            acc
        }
        Node::Pow { base, exp, pos } => {
            let b = eval(base, values, max_bits)?;
            let e = eval(exp, values, max_bits)?;
            if !e.is_integer() {
                return Err(ExprError::new(*pos, format!("the exponent {e} is not an integer")));
            }
            let Some(k) = e.to_integer().to_i64() else {
                return Err(ExprError::new(*pos, format!("the exponent {e} is too large")));
            };
            if b.is_zero() && k < 0 {
                return Err(ExprError::new(*pos, "division by zero: 0 raised to a negative power"));
            }
            let bits = b.numer().bits().max(b.denom().bits());
            // |b^k| has at least (bits - 1)·|k| + 1 bits: refuse before computing it.
            if bits > 1 && (bits - 1).saturating_mul(k.unsigned_abs()) >= max_bits {
                return Err(ExprError::new(*pos, format!("the power is too large (exponent {k})")));
            }
            match pow_q(&b, k) {
                Some(v) => {
                    check_size(&v, *pos, max_bits)?;
                    v
                }
                None => return Err(ExprError::new(*pos, "division by zero: 0 raised to a negative power")),
            }
        }
        Node::Call { func, args } => {
            let mut vals = Vec::with_capacity(args.len());
            for a in args {
                vals.push(eval(a, values, max_bits)?);
            }
            let mut it = vals.into_iter();
            let first = it.next().unwrap_or_else(Q::zero);
            match func {
                Func::Abs => first.abs(),
                Func::Min => it.fold(first, |m, v| if v < m { v } else { m }),
                Func::Max => it.fold(first, |m, v| if v > m { v } else { m }),
            }
        }
    })
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(Q),
    Ident(String),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LParen,
    RParen,
    Comma,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Num(x) => format!("number `{x}`"),
            Tok::Ident(s) => format!("name `{s}`"),
            Tok::Plus => "`+`".into(),
            Tok::Minus => "`-`".into(),
            Tok::Star => "`*`".into(),
            Tok::Slash => "`/`".into(),
            Tok::Caret => "`^`".into(),
            Tok::LParen => "`(`".into(),
            Tok::RParen => "`)`".into(),
            Tok::Comma => "`,`".into(),
        }
    }
}

#[derive(Debug, Clone)]
struct Token {
    kind: Tok,
    pos: usize,
}

fn tokenize(src: &str) -> Result<Vec<Token>, ExprError> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let kind = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'+' => Tok::Plus,
            b'-' => Tok::Minus,
            b'*' => Tok::Star,
            b'/' => Tok::Slash,
            b'^' => Tok::Caret,
            b'(' => Tok::LParen,
            b')' => Tok::RParen,
            b',' => Tok::Comma,
            b'0'..=b'9' | b'.' => {
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                if i < b.len() && b[i] == b'.' {
                    i += 1;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                // An exponent only if digits follow `e`, `e+` or `e-`.
                if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
                    let mut j = i + 1;
                    if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
                        j += 1;
                    }
                    if j < b.len() && b[j].is_ascii_digit() {
                        while j < b.len() && b[j].is_ascii_digit() {
                            j += 1;
                        }
                        i = j;
                    }
                }
                let text = &src[start..i];
                let value = super::limits::number(text).map_err(|e| ExprError::new(start, e))?;
                out.push(Token { kind: Tok::Num(value), pos: start });
                continue;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                out.push(Token { kind: Tok::Ident(src[start..i].to_string()), pos: start });
                continue;
            }
            _ => {
                let ch = src[start..].chars().next().unwrap_or('?');
                let hint = match ch {
                    '×' | '·' => "; use `*` to multiply",
                    '÷' => "; use `/` to divide",
                    '−' | '–' => "; use `-` (ASCII minus)",
                    '*' => "",
                    _ => "",
                };
                return Err(ExprError::new(start, format!("unexpected character `{ch}`{hint}")));
            }
        };
        i += 1;
        out.push(Token { kind, pos: start });
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    i: usize,
    depth: usize,
    len: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.i)
    }

    fn peek_kind(&self) -> Option<&Tok> {
        self.peek().map(|t| &t.kind)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.i).cloned();
        if t.is_some() {
            self.i += 1;
        }
        t
    }

    /// Offset of the current token, or the end of the text.
    fn here(&self) -> usize {
        self.peek().map_or(self.len, |t| t.pos)
    }

    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError::new(self.here(), "expression nested too deeply"));
        }
        Ok(())
    }

    fn expr(&mut self) -> Result<Node, ExprError> {
        let start = self.here();
        let first = self.term()?;
        let mut terms = vec![(false, start, first)];
        while let Some(t) = self.peek() {
            let neg = match t.kind {
                Tok::Plus => false,
                Tok::Minus => true,
                _ => break,
            };
            let pos = t.pos;
            self.i += 1;
            terms.push((neg, pos, self.term()?));
        }
        Ok(if terms.len() == 1 { terms.pop().map_or(Node::Num(Q::zero()), |(_, _, t)| t) } else { Node::Sum(terms) })
    }

    fn term(&mut self) -> Result<Node, ExprError> {
        let first = self.unary()?;
        let mut rest = Vec::new();
        while let Some(t) = self.peek() {
            let op = match t.kind {
                Tok::Star => MulOp::Mul,
                Tok::Slash => MulOp::Div,
                _ => break,
            };
            let pos = t.pos;
            self.i += 1;
            rest.push((op, pos, self.unary()?));
        }
        Ok(if rest.is_empty() { first } else { Node::Product(Box::new(first), rest) })
    }

    fn unary(&mut self) -> Result<Node, ExprError> {
        self.enter()?;
        let n = match self.peek_kind() {
            Some(Tok::Minus) => {
                self.i += 1;
                Node::Neg(Box::new(self.unary()?))
            }
            Some(Tok::Plus) => {
                self.i += 1;
                self.unary()?
            }
            _ => self.power()?,
        };
        self.depth -= 1;
        Ok(n)
    }

    fn power(&mut self) -> Result<Node, ExprError> {
        let base = self.atom()?;
        if let Some(t) = self.peek() {
            if t.kind == Tok::Caret {
                let pos = t.pos;
                self.i += 1;
                let exp = self.unary()?;
                return Ok(Node::Pow { base: Box::new(base), exp: Box::new(exp), pos });
            }
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Node, ExprError> {
        let here = self.here();
        let Some(t) = self.next() else {
            return Err(ExprError::new(here, "unexpected end of expression; expected a number, a name or `(`"));
        };
        match t.kind {
            Tok::Num(x) => Ok(Node::Num(x)),
            Tok::Ident(name) => {
                if self.peek_kind() == Some(&Tok::LParen) {
                    self.call(name, t.pos)
                } else {
                    Ok(Node::Var { name, pos: t.pos, slot: None })
                }
            }
            Tok::LParen => {
                self.enter()?;
                let inner = self.expr()?;
                self.expect_rparen(t.pos)?;
                self.depth -= 1;
                Ok(inner)
            }
            other => {
                Err(ExprError::new(t.pos, format!("unexpected {}; expected a number, a name or `(`", other.describe())))
            }
        }
    }

    fn expect_rparen(&mut self, open: usize) -> Result<(), ExprError> {
        match self.peek_kind() {
            Some(Tok::RParen) => {
                self.i += 1;
                Ok(())
            }
            Some(k) => {
                let msg = format!("expected `)` to close the `(` at offset {open}, found {}", k.describe());
                Err(ExprError::new(self.here(), msg))
            }
            None => Err(ExprError::new(self.here(), format!("expected `)` to close the `(` at offset {open}"))),
        }
    }

    fn call(&mut self, name: String, pos: usize) -> Result<Node, ExprError> {
        let func = match name.as_str() {
            "min" => Func::Min,
            "max" => Func::Max,
            "abs" => Func::Abs,
            _ => {
                let mut msg = format!("unknown function `{name}`");
                let close = close_names(&name, FUNCTIONS);
                if let Some(c) = close.first() {
                    msg.push_str(&format!("; did you mean `{c}`?"));
                }
                msg.push_str(" (functions: min, max, abs)");
                return Err(ExprError::new(pos, msg));
            }
        };
        let open = self.here();
        self.i += 1; // `(`
        self.enter()?;
        let mut args = Vec::new();
        if self.peek_kind() != Some(&Tok::RParen) {
            loop {
                args.push(self.expr()?);
                if self.peek_kind() == Some(&Tok::Comma) {
                    self.i += 1;
                } else {
                    break;
                }
            }
        }
        self.expect_rparen(open)?;
        self.depth -= 1;
        match func {
            Func::Abs if args.len() != 1 => {
                Err(ExprError::new(pos, format!("`abs` takes exactly 1 argument, found {}", args.len())))
            }
            Func::Min | Func::Max if args.is_empty() => {
                Err(ExprError::new(pos, format!("`{name}` takes at least 1 argument, found none")))
            }
            _ => Ok(Node::Call { func, args }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{frac, q};

    fn ev(s: &str) -> Q {
        Expr::parse(s).unwrap().eval(&[]).unwrap()
    }

    fn err(s: &str) -> ExprError {
        match Expr::parse(s) {
            Err(e) => e,
            Ok(mut x) => match x.bind(&["us_deal", "dprk_deal", "a"]) {
                Err(e) => e,
                Ok(()) => x.eval(&[q(1), q(2), q(0)]).unwrap_err(),
            },
        }
    }

    #[test]
    fn numbers_are_exact() {
        assert_eq!(ev("0.25"), frac(1, 4));
        assert_eq!(ev(".5"), frac(1, 2));
        assert_eq!(ev("1e-3"), frac(1, 1000));
        assert_eq!(ev("2.5E+2"), q(250));
        assert_eq!(ev("0.1 + 0.2"), frac(3, 10));
    }

    #[test]
    fn precedence_and_associativity() {
        assert_eq!(ev("1 + 2 * 3"), q(7));
        assert_eq!(ev("(1 + 2) * 3"), q(9));
        assert_eq!(ev("-2^2"), q(-4));
        assert_eq!(ev("(-2)^2"), q(4));
        assert_eq!(ev("2^3^2"), q(512));
        assert_eq!(ev("2^-1"), frac(1, 2));
        assert_eq!(ev("10 - 3 - 2"), q(5));
        assert_eq!(ev("12 / 3 / 2"), q(2));
        assert_eq!(ev("1/3 + 1/6"), frac(1, 2));
        assert_eq!(ev("--3"), q(3));
        assert_eq!(ev("+3 - -1"), q(4));
        assert_eq!(ev("2 * -3"), q(-6));
    }

    #[test]
    fn functions() {
        assert_eq!(ev("min(3, 1/2, 7)"), frac(1, 2));
        assert_eq!(ev("max(3, 1/2, 7)"), q(7));
        assert_eq!(ev("abs(-5/3)"), frac(5, 3));
        assert_eq!(ev("max(1)"), q(1));
    }

    #[test]
    fn variables() {
        let mut e = Expr::parse("a * b - c/2").unwrap();
        let ids: Vec<String> = e.identifiers().into_iter().map(|(n, _)| n).collect();
        assert_eq!(ids, vec!["a", "b", "c"]);
        e.bind(&["c", "b", "a"]).unwrap();
        assert_eq!(e.eval(&[q(4), q(3), q(2)]).unwrap(), q(4));
        let env = vec![("a".to_string(), q(1)), ("b".to_string(), q(1)), ("c".to_string(), q(1))];
        assert_eq!(e.eval_with(&env).unwrap(), frac(1, 2));
    }

    #[test]
    fn located_errors() {
        let e = err("1 + * 2");
        assert_eq!(e.offset, 4);
        assert!(e.message.contains("unexpected `*`"), "{}", e.message);
        let e = err("(1 + 2");
        assert_eq!(e.offset, 6);
        assert!(e.message.contains("expected `)`"), "{}", e.message);
        let e = err("us_dael + 1");
        assert_eq!(e.offset, 0);
        assert!(e.message.contains("did you mean `us_deal`?"), "{}", e.message);
        let e = err("us_deal / a");
        assert_eq!(e.offset, 8);
        assert_eq!(e.message, "division by zero");
        let e = err("2 ^ (1/2)");
        assert_eq!(e.offset, 2);
        assert!(e.message.contains("not an integer"), "{}", e.message);
        let e = err("foo(1)");
        assert_eq!(e.offset, 0);
        assert!(e.message.contains("unknown function `foo`"), "{}", e.message);
        let e = err("1 + abs(1, 2)");
        assert_eq!(e.offset, 4);
        assert!(e.message.contains("exactly 1 argument"), "{}", e.message);
        let e = err("min()");
        assert!(e.message.contains("at least 1"), "{}", e.message);
        let e = err("1 2");
        assert_eq!(e.offset, 2);
        let e = err("1 )");
        assert!(e.message.contains("unexpected `)`"), "{}", e.message);
        let e = err("");
        assert!(e.message.contains("empty"), "{}", e.message);
        let e = err("1 + ");
        assert_eq!(e.offset, 4);
        let e = err("3 × 2");
        assert_eq!(e.offset, 2);
        assert!(e.message.contains("use `*`"), "{}", e.message);
        let e = err("0 ^ -1");
        assert!(e.message.contains("division by zero"), "{}", e.message);
        let e = err("1.2.3");
        assert_eq!(e.offset, 3);
    }

    #[test]
    fn guards_against_blowups() {
        let deep = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(Expr::parse(&deep).unwrap_err().message.contains("too deeply"));
        let neg = format!("{}1", "-".repeat(10_000));
        assert!(Expr::parse(&neg).is_err());
        let long = vec!["1"; 20_000].join(" + ");
        assert_eq!(ev(&long), q(20_000));
        assert!(err("10^10000000").message.contains("too large"));
        assert!(err("10^100000000000000000000").message.contains("too large"));
        assert_eq!(ev("1^1000000000"), q(1));
        // Sums and products are capped like powers: each power here is allowed, their product is not.
        // 7^5000 has 14,037 bits; two of them fit in the 33,222 bits of 10,000 digits, three do not.
        let product = ["7^5000"; 4].join(" * ");
        let e = err(&product);
        assert!(e.message.contains("about 10000 digits"), "{}", e.message);
        assert_eq!(e.offset, product.match_indices('*').nth(1).unwrap().0, "the operator that overflowed");
        let sum = (2..6).map(|k| format!("1/{}^{}", 2 * k + 1, 30_000 / k)).collect::<Vec<_>>().join(" + ");
        assert!(err(&sum).message.contains("too large"), "{sum}");
        // The cap is in bits, about --max-digits: 10^9999 (10,000 digits) is allowed, 10^10010 is not.
        assert!(Expr::parse("10^9999").unwrap().eval(&[]).is_ok());
        assert!(err("10^10010").message.contains("too large"));
    }

    #[test]
    fn powers_are_exact() {
        assert_eq!(ev("(2/3)^3"), crate::num::frac(8, 27));
        assert_eq!(ev("(-2/3)^-3"), crate::num::frac(-27, 8));
        assert_eq!(ev("(-1/2)^0"), q(1));
        assert_eq!(ev("(6/4)^2"), crate::num::frac(9, 4));
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("DPKR", "DPRK"), 1);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(close_names("us_dael", &["us_deal", "dprk_deal", "x"]), vec!["us_deal"]);
    }

    #[test]
    fn constants() {
        assert_eq!(Expr::parse("-7").unwrap().as_constant(), Some(q(-7)));
        assert_eq!(Expr::parse("a").unwrap().as_constant(), None);
        assert_eq!(Expr::constant(q(2)).eval(&[]).unwrap(), q(2));
    }
}

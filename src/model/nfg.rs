//! Gambit's `.nfg` strategic-form files: a reader for both the payoff and the outcome form,
//! and a writer for the payoff form with strategy labels.
//!
//! ```text
//! NFG 1 R "title" { "Player 1" "Player 2" } { 2 2 }      payoff form, counts
//! "optional comment"
//! 1 1 0 2 2 0 0 0                                         payoffs, player 1's strategy fastest
//!
//! NFG 1 R "title" { "P1" "P2" }                          outcome form, labels
//! { { "T" "B" } { "L" "R" } }
//! ""
//! { { "" 1, 1 } { "win" 2, 0 } }                          outcomes (name, then payoffs)
//! 1 2 0 1                                                 one outcome per profile; 0 = all zero
//! ```

use crate::error::{Error, ModelError};
use crate::game::{NormalForm, Player};
use crate::num::Q;
use num_traits::Zero;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Word(String),
    Str(String),
    /// A number: its text is `src[token.pos..end]` (no allocation per number, so a file of
    /// millions of payoffs tokenizes in a fraction of the memory).
    Number(usize),
    LBrace,
    RBrace,
    Comma,
}

#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) tok: Tok,
    pub(super) pos: usize,
}

pub(super) fn describe(src: &str, t: Option<&Token>) -> String {
    match t.map(|t| (&t.tok, t.pos)) {
        None => "the end of the file".into(),
        Some((Tok::Word(w), _)) => format!("`{w}`"),
        Some((Tok::Str(s), _)) => format!("the string \"{s}\""),
        Some((Tok::Number(end), pos)) => format!("the number `{}`", src.get(pos..*end).unwrap_or("?")),
        Some((Tok::LBrace, _)) => "`{`".into(),
        Some((Tok::RBrace, _)) => "`}`".into(),
        Some((Tok::Comma, _)) => "`,`".into(),
    }
}

fn is_number_char(c: u8) -> bool {
    c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.' | b'/' | b'e' | b'E')
}

pub(super) fn tokenize(file: &str, src: &str) -> Result<Vec<Token>, ModelError> {
    let mut lexer = Lexer::new(file, src);
    let mut out: Vec<Token> = Vec::new();
    while let Some(t) = lexer.next_token()? {
        // Grow fallibly, so a file too large to hold is an error, never an abort.
        if out.len() == out.capacity() && out.try_reserve(out.len().max(256)).is_err() {
            return Err(ModelError::at(
                file,
                src,
                t.pos,
                format!("the file has too many numbers and names to hold in memory ({} read so far)", out.len()),
            ));
        }
        out.push(t);
    }
    Ok(out)
}

/// The tokens of a `.nfg` or `.efg` file, one at a time (a `.nfg` payoff table is read
/// streaming, so the memory it takes is the table's, not a list of its tokens too).
#[derive(Clone)]
pub(super) struct Lexer<'a> {
    file: &'a str,
    src: &'a str,
    i: usize,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(file: &'a str, src: &'a str) -> Lexer<'a> {
        Lexer { file, src, i: 0 }
    }

    /// The next token, `None` at the end of the text, or a located error.
    pub(super) fn next_token(&mut self) -> Result<Option<Token>, ModelError> {
        let (file, src) = (self.file, self.src);
        let b = src.as_bytes();
        let mut i = self.i;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            self.i = i;
            return Ok(None);
        }
        let c = b[i];
        let start = i;
        let tok = match c {
            b'{' => {
                i += 1;
                Tok::LBrace
            }
            b'}' => {
                i += 1;
                Tok::RBrace
            }
            b',' => {
                i += 1;
                Tok::Comma
            }
            b'"' => {
                i += 1;
                let mut s = String::new();
                let mut seg = i;
                loop {
                    match b.get(i) {
                        None => {
                            return Err(ModelError::at(file, src, start, "unterminated string (missing closing `\"`)"))
                        }
                        Some(b'"') => {
                            s.push_str(&src[seg..i]);
                            i += 1;
                            break;
                        }
                        Some(b'\\') if i + 1 < b.len() && (b[i + 1] == b'"' || b[i + 1] == b'\\') => {
                            s.push_str(&src[seg..i]);
                            s.push(char::from(b[i + 1]));
                            i += 2;
                            seg = i;
                        }
                        Some(_) => i += 1,
                    }
                }
                Tok::Str(s)
            }
            c if is_number_char(c) && (c != b'e' && c != b'E') => {
                while i < b.len() && is_number_char(b[i]) {
                    i += 1;
                }
                Tok::Number(i)
            }
            c if c.is_ascii_alphabetic() => {
                while i < b.len() && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                Tok::Word(src[start..i].to_string())
            }
            _ => {
                let ch = src[start..].chars().next().unwrap_or('?');
                return Err(ModelError::at(file, src, start, format!("unexpected character `{ch}`")));
            }
        };
        self.i = i;
        Ok(Some(Token { tok, pos: start }))
    }
}

/// A parser over the [`Lexer`] with one token of lookahead.
struct Parser<'a> {
    file: &'a str,
    src: &'a str,
    lexer: Lexer<'a>,
    cur: Option<Token>,
}

impl<'a> Parser<'a> {
    fn new(file: &'a str, src: &'a str) -> Result<Parser<'a>, ModelError> {
        let mut lexer = Lexer::new(file, src);
        let cur = lexer.next_token()?;
        Ok(Parser { file, src, lexer, cur })
    }

    fn peek(&self) -> Option<&Token> {
        self.cur.as_ref()
    }

    /// Moves past the current token (a lexing error in the next one is returned).
    fn advance(&mut self) -> Result<(), ModelError> {
        self.cur = self.lexer.next_token()?;
        Ok(())
    }

    /// The tokens left (commas not counted), without keeping them; `Err` on a lexing error.
    fn count_rest(&self) -> Result<usize, ModelError> {
        let mut lexer = self.lexer.clone();
        let mut found = usize::from(self.cur.as_ref().is_some_and(|t| !matches!(t.tok, Tok::Comma)));
        while let Some(t) = lexer.next_token()? {
            if !matches!(t.tok, Tok::Comma) {
                found += 1;
            }
        }
        Ok(found)
    }

    fn pos(&self) -> usize {
        self.peek().map_or(self.src.len(), |t| t.pos)
    }

    fn err(&self, pos: usize, msg: impl Into<String>) -> ModelError {
        ModelError::at(self.file, self.src, pos, msg)
    }

    /// An error at the current token: "expected X, found Y" (or "the file ends early").
    fn expected(&self, what: &str) -> ModelError {
        match self.peek() {
            None => self.err(self.src.len(), format!("the file ends too early: expected {what}")),
            t => self.err(self.pos(), format!("expected {what}, found {}", describe(self.src, t))),
        }
    }

    fn eat(&mut self, tok: &Tok) -> Result<bool, ModelError> {
        if self.peek().map(|t| &t.tok) == Some(tok) {
            self.advance()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn expect(&mut self, tok: &Tok, what: &str) -> Result<usize, ModelError> {
        let pos = self.pos();
        if self.eat(tok)? {
            Ok(pos)
        } else {
            Err(self.expected(what))
        }
    }

    fn string(&mut self, what: &str) -> Result<(String, usize), ModelError> {
        match self.peek().cloned() {
            Some(Token { tok: Tok::Str(s), pos }) => {
                self.advance()?;
                Ok((s, pos))
            }
            _ => Err(self.expected(what)),
        }
    }

    fn number(&mut self, what: &str) -> Result<(Q, usize), ModelError> {
        match self.peek().cloned() {
            Some(Token { tok: Tok::Number(end), pos }) => {
                self.advance()?;
                let text = self.src.get(pos..end).unwrap_or("");
                let v = super::limits::number(text).map_err(|e| self.err(pos, format!("bad number: {e}")))?;
                Ok((v, pos))
            }
            _ => Err(self.expected(what)),
        }
    }

    fn count(&mut self, what: &str) -> Result<(usize, usize), ModelError> {
        let (v, pos) = self.number(what)?;
        let n = if v.is_integer() { v.to_integer().try_into().ok() } else { None };
        match n {
            Some(n) => Ok((n, pos)),
            None => Err(self.err(pos, format!("expected {what}, found `{v}`"))),
        }
    }

    /// `{ "a" "b" ... }`: the labels and their positions. Repeated labels are allowed here, as
    /// Gambit allows them; [`super::labels::disambiguate`] renames them.
    fn label_list(&mut self, what: &str) -> Result<Vec<(String, usize)>, ModelError> {
        self.expect(&Tok::LBrace, &format!("`{{` starting the list of {what}"))?;
        let mut out: Vec<(String, usize)> = Vec::new();
        while !self.eat(&Tok::RBrace)? {
            out.push(self.string(&format!("a quoted name in the list of {what} or `}}`"))?);
        }
        Ok(out)
    }
}

/// Parses the text of a Gambit `.nfg` file. `file` names the file in error locations.
///
/// Malformed text is a located [`Error::Model`]. The size of the declared game is checked
/// before its payoffs are read: too few payoffs in the file is an error at once (with the
/// counts), and a payoff table beyond [`super::limits::PAYOFF_MEMORY_BUDGET`], or one whose memory
/// cannot be had, is an [`Error::TooLarge`] with an estimate, never an abort.
pub fn parse_nfg(file: &str, src: &str) -> Result<NormalForm, Error> {
    let mut p = Parser::new(file, src)?;
    let Header { title, names, strategies, profiles, description, notes } = header(&mut p)?;
    let n = names.len();
    // Count before allocating: a file declaring a huge game with too few numbers fails at once.
    let outcomes = matches!(p.peek().map(|t| &t.tok), Some(Tok::LBrace));
    let found = p.count_rest()?;
    let expected = profiles * n;
    if outcomes && found < profiles {
        return Err(p
            .err(
                p.src.len(),
                format!("too few outcome indices: expected {profiles} (one per profile), found {found}; the file may be truncated"),
            )
            .into());
    }
    if !outcomes && found < expected {
        return Err(too_few_payoffs(&p, expected, profiles, n, found).into());
    }
    crate::game::budget::check_payoff_budget(expected as u128, "the game")?;
    let out = crate::game::budget::vec_with_capacity(expected, "the payoff table")?;
    let payoffs =
        if outcomes { outcome_body(&mut p, n, profiles, out)? } else { payoff_body(&mut p, n, profiles, out)? };
    if let Some(t) = p.peek() {
        return Err(p.err(t.pos, format!("unexpected {} after the end of the game", describe(p.src, Some(t)))).into());
    }

    let players = names
        .into_iter()
        .zip(strategies)
        .map(|((name, _), s)| Player {
            name,
            strategies: s.unwrap_or_else(|k| (1..=k).map(|i| i.to_string()).collect()),
        })
        .collect();
    let mut game =
        NormalForm::from_flat(title, players, payoffs).map_err(|e| ModelError::at(file, src, 0, e.to_string()))?;
    game.description = description;
    game.notes = notes;
    Ok(game)
}

/// The part of a `.nfg` file before the payoffs.
struct Header {
    title: String,
    names: Vec<(String, usize)>,
    /// Per player: the labels, or just a count (labels "1", "2", ... are made once the payoffs are read).
    strategies: Vec<Result<Vec<String>, usize>>,
    profiles: usize,
    description: String,
    /// Remarks about the reading (renamed duplicate labels).
    notes: Vec<String>,
}

fn header(p: &mut Parser<'_>) -> Result<Header, ModelError> {
    match p.peek().cloned() {
        Some(Token { tok: Tok::Word(w), .. }) if w == "NFG" => p.advance()?,
        Some(Token { tok: Tok::Word(w), pos }) if w == "EFG" => {
            return Err(p.err(pos, "this is an extensive-form (.efg) file, not a strategic-form .nfg file"))
        }
        _ => return Err(p.expected("the header `NFG 1 R` (a Gambit strategic-form file)")),
    }
    let (version, vpos) = p.number("the format version `1` after `NFG`")?;
    if version != Q::from_integer(1.into()) {
        return Err(p.err(vpos, format!("unsupported .nfg version `{version}`; only version 1 is known")));
    }
    match p.peek().cloned() {
        Some(Token { tok: Tok::Word(w), .. }) if w == "R" || w == "D" => p.advance()?,
        _ => return Err(p.expected("the number kind `R` (rational) or `D` (decimal)")),
    }
    let (title, _) = p.string("the quoted game title")?;
    // Unnamed players get Gambit's placeholder names `_1`, `_2`, ... (as pygambit reports them).
    let mut names = Vec::new();
    for (i, (name, pos)) in p.label_list("players")?.into_iter().enumerate() {
        if !name.is_empty() {
            names.push((name, pos));
        } else {
            names.push((format!("_{}", i + 1), pos));
        }
    }
    let mut notes = Vec::new();
    let mut player_names: Vec<String> = names.iter().map(|(n, _)| n.clone()).collect();
    if let Some(note) = super::labels::disambiguate(&mut player_names, "players", "player") {
        notes.push(note);
        for ((name, _), new) in names.iter_mut().zip(player_names) {
            *name = new;
        }
    }
    if names.is_empty() {
        return Err(p.err(p.pos(), "the game has no players"));
    }
    let n = names.len();

    // Strategies: `{ 2 3 }` (counts) or `{ { "a" "b" } { "c" "d" "e" } }` (labels).
    let brace = p.expect(&Tok::LBrace, "`{` starting the strategies (counts or label lists)")?;
    // Per player: the labels, or just a count (labels "1", "2", ... are made once the payoffs are read).
    let mut strategies: Vec<Result<Vec<String>, usize>> = Vec::with_capacity(n);
    let labelled = matches!(p.peek().map(|t| &t.tok), Some(Tok::LBrace));
    while !p.eat(&Tok::RBrace)? {
        if strategies.len() == n {
            return Err(p.err(p.pos(), format!("more strategy entries than the {n} players; expected `}}`")));
        }
        let player = &names[strategies.len()].0;
        if labelled {
            let what = format!("strategies of \"{player}\"");
            // An empty label is the strategy's number, as when the file gives only counts.
            let mut labels: Vec<String> = p
                .label_list(&what)?
                .into_iter()
                .enumerate()
                .map(|(k, (s, _))| if s.is_empty() { (k + 1).to_string() } else { s })
                .collect();
            notes.extend(super::labels::disambiguate(&mut labels, &what, "strategy"));
            strategies.push(Ok(labels));
        } else {
            let (k, kpos) = p.count(&format!("the number of strategies of \"{player}\""))?;
            if k > 50_000_000 {
                return Err(p.err(kpos, "the game is too large (more than 50 million payoff entries)"));
            }
            strategies.push(Err(k));
        }
    }
    if strategies.len() != n {
        return Err(p.err(brace, format!("{n} players but strategies for {}", strategies.len())));
    }
    let size = |s: &Result<Vec<String>, usize>| s.as_ref().map_or_else(|&k| k, Vec::len);
    for (i, s) in strategies.iter().enumerate() {
        if size(s) == 0 {
            return Err(p.err(brace, format!("player \"{}\" has no strategies", names[i].0)));
        }
    }
    let mut profiles: usize = 1;
    for s in &strategies {
        profiles = profiles
            .checked_mul(size(s))
            .filter(|t| t.saturating_mul(n) <= 50_000_000)
            .ok_or_else(|| p.err(brace, "the game is too large (more than 50 million payoff entries)"))?;
    }

    let description = match p.peek() {
        Some(Token { tok: Tok::Str(_), .. }) => p.string("a comment")?.0,
        _ => String::new(),
    };

    Ok(Header { title, names, strategies, profiles, description, notes })
}

/// The payoff list form; `out` has room for every payoff.
fn payoff_body(p: &mut Parser<'_>, n: usize, profiles: usize, mut out: Vec<Q>) -> Result<Vec<Q>, ModelError> {
    let expected = profiles * n;
    while let Some(t) = p.peek() {
        if !matches!(t.tok, Tok::Number(_)) {
            if matches!(t.tok, Tok::Comma) {
                p.advance()?;
                continue;
            }
            return Err(p.expected("a payoff (a number)"));
        }
        let pos = t.pos;
        let (v, _) = p.number("a payoff")?;
        if out.len() == expected {
            return Err(p.err(
                pos,
                format!("too many payoffs: expected {expected} ({profiles} profiles x {n} players), found more"),
            ));
        }
        out.push(v);
    }
    if out.len() < expected {
        return Err(too_few_payoffs(p, expected, profiles, n, out.len()));
    }
    Ok(out)
}

fn too_few_payoffs(p: &Parser<'_>, expected: usize, profiles: usize, n: usize, found: usize) -> ModelError {
    p.err(
        p.src.len(),
        format!(
            "too few payoffs: expected {expected} ({profiles} profiles x {n} players), found {found}; the file may be truncated"
        ),
    )
}

/// The outcome form; `out` has room for every payoff.
fn outcome_body(p: &mut Parser<'_>, n: usize, profiles: usize, mut out: Vec<Q>) -> Result<Vec<Q>, ModelError> {
    p.expect(&Tok::LBrace, "`{` starting the outcome list")?;
    let mut outcomes: Vec<Vec<Q>> = Vec::new();
    while !p.eat(&Tok::RBrace)? {
        let open = p.expect(&Tok::LBrace, "`{` starting an outcome, or `}` ending the outcome list")?;
        p.string("the quoted outcome name")?;
        let mut vals = Vec::with_capacity(n);
        while !p.eat(&Tok::RBrace)? {
            if p.eat(&Tok::Comma)? {
                continue;
            }
            let pos = p.pos();
            let (v, _) = p.number("a payoff or `}` ending the outcome")?;
            if vals.len() == n {
                return Err(p.err(pos, format!("too many payoffs in outcome {}: expected {n}", outcomes.len() + 1)));
            }
            vals.push(v);
        }
        if vals.len() != n {
            return Err(p.err(
                open,
                format!("outcome {} has {} payoffs; expected {n} (one per player)", outcomes.len() + 1, vals.len()),
            ));
        }
        outcomes.push(vals);
    }
    for k in 0..profiles {
        let (idx, pos) = match p.peek() {
            None => {
                return Err(p.err(
                    p.src.len(),
                    format!("too few outcome indices: expected {profiles} (one per profile), found {k}; the file may be truncated"),
                ))
            }
            _ => p.count("an outcome index (0 for no outcome)")?,
        };
        if idx == 0 {
            out.extend(std::iter::repeat_n(Q::zero(), n));
        } else if let Some(o) = outcomes.get(idx - 1) {
            out.extend(o.iter().cloned());
        } else {
            return Err(p.err(pos, format!("outcome index {idx} out of range: there are {} outcomes", outcomes.len())));
        }
    }
    if let Some(t) = p.peek() {
        if matches!(t.tok, Tok::Number(_)) {
            return Err(p.err(t.pos, format!("too many outcome indices: expected {profiles} (one per profile)")));
        }
    }
    Ok(out)
}

/// Quotes a label the way Gambit reads it: `"` becomes `\"`. Gambit keeps other backslashes
/// as they are, so a backslash is doubled only where it would otherwise be misread (before a
/// quote, before another backslash, or at the end); our reader turns `\\` back into `\`.
pub(super) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' if matches!(chars.peek(), None | Some('"') | Some('\\')) => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes a game as a Gambit `.nfg` file (payoff form, with strategy labels and exact rationals).
pub fn write_nfg(game: &NormalForm) -> String {
    let mut s = String::new();
    s.push_str("NFG 1 R ");
    s.push_str(&quote(&game.title));
    s.push_str(" { ");
    for p in game.players() {
        s.push_str(&quote(&p.name));
        s.push(' ');
    }
    s.push_str("}\n\n{ ");
    for (i, p) in game.players().iter().enumerate() {
        if i > 0 {
            s.push_str("\n  ");
        }
        s.push_str("{ ");
        for l in &p.strategies {
            s.push_str(&quote(l));
            s.push(' ');
        }
        s.push('}');
    }
    s.push_str("\n}\n");
    s.push_str(&quote(&game.description));
    s.push_str("\n\n");
    let n = game.num_players();
    for k in 0..game.num_profiles() {
        let line: Vec<String> = game.payoffs_at(k).iter().map(|x| x.to_string()).collect();
        s.push_str(&line.join(" "));
        s.push(if k + 1 == game.num_profiles() || n == 0 { '\n' } else { ' ' });
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{frac, q};

    fn perr(src: &str) -> ModelError {
        match parse_nfg("g.nfg", src) {
            Err(Error::Model(e)) => e,
            other => panic!("expected a located error, got {other:?}"),
        }
    }

    #[test]
    fn payoff_form_with_counts() {
        let g = parse_nfg("g.nfg", "NFG 1 D \"PD\" { \"A\" \"B\" } { 2 2 }\n\"c\"\n3 3 5 0 0 5 1 1\n").unwrap();
        assert_eq!(g.title, "PD");
        assert_eq!(g.description, "c");
        assert_eq!(g.players()[0].strategies, vec!["1", "2"]);
        assert_eq!(g.payoff(&[1, 0], 0), &q(5));
        assert_eq!(g.payoff(&[0, 1], 1), &q(5));
    }

    #[test]
    fn payoff_form_numbers() {
        let g = parse_nfg("g", "NFG 1 R \"\" { \"A\" } { 4 } 7.600000 -3 1/3 1e-2").unwrap();
        assert_eq!(g.flat_payoffs(), &[frac(38, 5), q(-3), frac(1, 3), frac(1, 100)]);
    }

    #[test]
    fn outcome_form() {
        let src = "NFG 1 R \"t \\\"q\\\"\" { \"P1\" \"P2\" }\n{ { \"T\" \"B\" }\n{ \"L\" \"R\" }\n}\n\"\"\n\n{\n{ \"\" 2, 0 }\n{ \"x\" 0 1 }\n}\n1 2 0 1\n";
        let g = parse_nfg("g", src).unwrap();
        assert_eq!(g.title, "t \"q\"");
        assert_eq!(g.players()[1].strategies, vec!["L", "R"]);
        assert_eq!(g.payoffs_at(0), &[q(2), q(0)]);
        assert_eq!(g.payoffs_at(1), &[q(0), q(1)]);
        assert_eq!(g.payoffs_at(2), &[q(0), q(0)]);
        assert_eq!(g.payoffs_at(3), &[q(2), q(0)]);
    }

    #[test]
    fn labelled_payoff_form() {
        let g = parse_nfg("g", "NFG 1 R \"\" { \"A\" \"B\" } { { \"x\" \"y\" } { \"z\" } } 1 2 3 4").unwrap();
        assert_eq!(g.players()[0].strategies, vec!["x", "y"]);
        assert_eq!(g.payoff(&[1, 0], 1), &q(4));
    }

    #[test]
    fn errors_are_located() {
        let e = perr("NFX 1 R");
        assert_eq!((e.location.line, e.location.column), (1, 1));
        assert!(e.message.contains("header"), "{}", e.message);
        let e = perr("NFG 1 R \"\" { \"A\" \"B\" } { 2 2 }\n1 2 3");
        assert_eq!((e.location.line, e.location.column), (2, 6));
        assert!(e.message.contains("expected 8") && e.message.contains("found 3"), "{}", e.message);
        let e = perr("NFG 1 R \"\" { \"A\" } { 2 }\n1 2 3");
        assert_eq!((e.location.line, e.location.column), (2, 5));
        assert!(e.message.contains("too many"), "{}", e.message);
        let e = perr("NFG 1 R \"\" { \"A\" } { 2 }\n1 2-");
        assert_eq!((e.location.line, e.location.column), (2, 3));
        assert!(e.message.contains("bad number"), "{}", e.message);
        let e = perr("NFG 1 R \"\" { \"A\" } { { \"x\" \"y\" } } \"\" { { \"\" 1 } } 1 2");
        assert!(e.message.contains("out of range"), "{}", e.message);
        assert_eq!(e.location.column, 54);
        let e = perr("NFG 1 R \"\" { \"A\" } { { \"x\" \"y\" } } \"\" { { \"\" 1 } } 1");
        assert!(e.message.contains("too few outcome indices"), "{}", e.message);
        let e = perr("NFG 1 R \"\" { \"A\" } { { \"x\" \"y\" } } \"\" { { \"\" 1 2 } } 1 1");
        assert!(e.message.contains("too many payoffs in outcome 1"), "{}", e.message);
        let e = perr("NFG 1 R \"unterminated");
        assert!(e.message.contains("unterminated"), "{}", e.message);
        let e = perr("NFG 1 R \"\" { \"A\" ");
        assert!(e.message.contains("ends too early"), "{}", e.message);
        let e = perr("NFG 1 R \"\" { \"A\" } { 0 }");
        assert!(e.message.contains("no strategies"), "{}", e.message);
        let e = perr("NFG 1 R \"\" { \"A\" \"B\" \"C\" } { 99999 99999 99999 } 1");
        assert!(e.message.contains("too large"), "{}", e.message);
        let e = perr("NFG 1 R \"\" { \"A\" } { 100000000 } 1");
        assert!(e.message.contains("too large"), "{}", e.message);
        let e = perr("EFG 2 R \"\" { \"A\" }");
        assert!(e.message.contains("extensive-form"), "{}", e.message);
    }

    #[test]
    fn writes_and_reads_back() {
        let src = "NFG 1 R \"a \\\"b\\\" \\\\ c\" { \"P \\\"1\\\"\" \"P2\" } { { \"x\" \"y\" } { \"z\" } } \"note\" 1/2 -3 4 0";
        let g = parse_nfg("g", src).unwrap();
        let out = write_nfg(&g);
        let h = parse_nfg("g", &out).unwrap();
        assert_eq!(g, h);
        assert_eq!(h.title, "a \"b\" \\ c");
        let mut g = h;
        for t in ["a\\b", "end\\", "q\\\"", "\\\\"] {
            g.title = t.to_string();
            assert_eq!(parse_nfg("g", &write_nfg(&g)).unwrap().title, t);
        }
        assert_eq!(quote("a\\b \"c\""), "\"a\\b \\\"c\\\"\"");
    }

    #[test]
    fn reference_corpus_parses_matches_gambit_and_round_trips() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference");
        let results: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("gambit-results.json")).unwrap()).unwrap();
        let mut count = 0;
        for entry in std::fs::read_dir(dir.join("games")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("nfg") {
                continue;
            }
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            let src = std::fs::read_to_string(&path).unwrap();
            let g = parse_nfg(&name, &src).unwrap_or_else(|e| panic!("{e}"));
            let info = &results["games"][&name]["info"];
            let players: Vec<String> = g.players().iter().map(|p| p.name.clone()).collect();
            assert_eq!(serde_json::json!(players), info["players"], "{name}");
            let strategies: Vec<Vec<String>> = g.players().iter().map(|p| p.strategies.clone()).collect();
            assert_eq!(serde_json::json!(strategies), info["strategies"], "{name}");
            assert_eq!(serde_json::json!(g.title), info["title"], "{name}");
            let back = parse_nfg("w.nfg", &write_nfg(&g)).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(back, g, "{name}: write_nfg round trip");
            let toml = crate::model::write_toml(&g);
            let model = crate::model::parse_model("w.toml", &toml).unwrap_or_else(|e| panic!("{name}: {e}\n{toml}"));
            let back = model.game(&crate::model::Settings::default()).unwrap();
            assert_eq!(back, g, "{name}: write_toml round trip");
            count += 1;
        }
        assert_eq!(count, 41);
    }
}

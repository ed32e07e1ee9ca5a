//! Gambit's extensive-form format (`.efg`, version 2): reading and writing.
//!
//! ```text
//! EFG 2 R "title" { "Player 1" "Player 2" } "optional comment"
//! c "node" 1 "chance set" { "H" 1/2 "T" 1/2 } 0
//! p "node" 1 1 "set" { "a" "b" } 1 "outcome" { 1, -1 }
//! t "leaf" 2 "outcome" { 0, 0 }
//! ```
//!
//! Nodes come in pre-order. A chance node (`c`) names its chance information set (a number,
//! an optional label, and — at its first use — the actions with their probabilities); a
//! personal node (`p`) names its player (1-based), the player's information-set number, an
//! optional label and — at its first use — the actions; a terminal node (`t`) only an outcome.
//! Every node ends with an outcome number (0 = none); an outcome's name and payoffs are given
//! at its first use and may be omitted (or repeated identically) when it is used again.
//! Payoffs on inner nodes add up along the path. Numbers are exact (`1/2`, `0.25`, `-3`).
//!
//! Labels are only names: unlike Gambit 16.7 we accept repeated node labels and repeated
//! information-set labels (several files of Gambit's own collection have them); identity is
//! by number.

use super::nfg::{describe, quote, tokenize, Tok, Token};
use crate::error::{Location, ModelError};
use crate::game::tree::{NodeKind, Tree, TreeBuilder, TreeError};
use crate::num::{fmt_q, Q};
use std::collections::HashMap;

struct Parser<'a> {
    file: &'a str,
    src: &'a str,
    toks: Vec<Token>,
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|t| &t.tok)
    }

    fn pos(&self) -> usize {
        self.toks.get(self.i).map_or(self.src.len(), |t| t.pos)
    }

    fn err(&self, pos: usize, msg: impl Into<String>) -> ModelError {
        ModelError::at(self.file, self.src, pos, msg)
    }

    fn expected(&self, what: &str) -> ModelError {
        self.err(self.pos(), format!("expected {what}, found {}", describe(self.src, self.toks.get(self.i))))
    }

    fn line_of(&self, pos: usize) -> usize {
        Location::from_offset(self.file, self.src, pos).line
    }

    fn string(&mut self, what: &str) -> Result<String, ModelError> {
        match self.peek() {
            Some(Tok::Str(s)) => {
                let s = s.clone();
                self.i += 1;
                Ok(s)
            }
            _ => Err(self.expected(what)),
        }
    }

    fn opt_string(&mut self) -> Option<String> {
        match self.peek() {
            Some(Tok::Str(s)) => {
                let s = s.clone();
                self.i += 1;
                Some(s)
            }
            _ => None,
        }
    }

    fn number(&mut self, what: &str) -> Result<(Q, usize), ModelError> {
        let pos = self.pos();
        match self.peek() {
            Some(&Tok::Number(end)) => {
                let v = super::limits::number(self.src.get(pos..end).unwrap_or(""))
                    .map_err(|e| self.err(pos, format!("{what}: {e}")))?;
                self.i += 1;
                Ok((v, pos))
            }
            _ => Err(self.expected(what)),
        }
    }

    fn index(&mut self, what: &str) -> Result<(usize, usize), ModelError> {
        let (v, pos) = self.number(what)?;
        if !v.is_integer() || v < Q::from_integer(0.into()) {
            return Err(self.err(pos, format!("{what} must be a non-negative whole number, found {v}")));
        }
        let k = usize::try_from(v.to_integer()).map_err(|_| self.err(pos, format!("{what} is too large")))?;
        Ok((k, pos))
    }

    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek() == Some(t) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn brace_open(&mut self, what: &str) -> Result<(), ModelError> {
        if self.eat(&Tok::LBrace) {
            Ok(())
        } else {
            Err(self.expected(what))
        }
    }
}

struct State {
    /// (player, number) -> (global infoset, position of its definition)
    infosets: HashMap<(usize, usize), (usize, usize)>,
    chances: HashMap<usize, (usize, Vec<String>, Vec<Q>, usize)>,
    outcomes: HashMap<usize, (usize, Vec<Q>, usize)>,
}

/// Parses a Gambit `.efg` file; `file` names it in error locations.
pub fn parse_efg(file: &str, src: &str) -> Result<Tree, ModelError> {
    let toks = tokenize(file, src)?;
    let mut p = Parser { file, src, toks, i: 0 };
    match p.peek() {
        Some(Tok::Word(w)) if w == "EFG" => p.i += 1,
        Some(Tok::Word(w)) if w == "NFG" => {
            return Err(p.err(p.pos(), "this is a strategic-form (NFG) game; give it a `.nfg` extension"))
        }
        _ => return Err(p.expected("`EFG 2 R` at the start of a Gambit extensive-form file")),
    }
    let (v, vpos) = p.number("the format version `2`")?;
    if v != Q::from_integer(2.into()) {
        return Err(p.err(vpos, format!("unsupported .efg version {v}; expected 2")));
    }
    match p.peek() {
        Some(Tok::Word(w)) if w == "R" || w == "D" => p.i += 1,
        _ => return Err(p.expected("the number kind `R` or `D`")),
    }
    let title = p.string("the game's title (a quoted string)")?;
    p.brace_open("`{` and the player names")?;
    let mut players: Vec<String> = Vec::new();
    loop {
        match p.peek() {
            Some(Tok::RBrace) => {
                p.i += 1;
                break;
            }
            Some(Tok::Str(_)) => {
                let name = p.string("a player name")?;
                let name = if name.is_empty() { format!("_{}", players.len() + 1) } else { name };
                players.push(name);
            }
            _ => return Err(p.expected("a player name (a quoted string) or `}`")),
        }
    }
    // Repeated labels are renamed (Gambit tells them apart by position), with a note.
    let mut notes: Vec<String> = Vec::new();
    notes.extend(super::labels::disambiguate(&mut players, "players", "player"));
    if players.is_empty() {
        return Err(p.err(p.pos(), "the game has no players; expected at least one name in `{ ... }`"));
    }
    let comment = p.opt_string().unwrap_or_default();
    let n = players.len();
    let mut b = TreeBuilder::new(title, players.clone()).map_err(|e| p.err(0, e.to_string()))?;
    let mut st = State { infosets: HashMap::new(), chances: HashMap::new(), outcomes: HashMap::new() };
    while p.peek().is_some() {
        let node_pos = p.pos();
        let kind = match p.peek() {
            Some(Tok::Word(w)) if w == "c" || w == "p" || w == "t" => w.clone(),
            _ => return Err(p.expected("a node: `c` (chance), `p` (personal) or `t` (terminal)")),
        };
        p.i += 1;
        let label = p.string("the node's label (a quoted string, may be empty)")?;
        if b.is_complete() {
            return Err(p.err(node_pos, TreeError::ExtraNode.to_string()));
        }
        let located = |p: &Parser<'_>, e: TreeError| p.err(node_pos, e.to_string());
        match kind.as_str() {
            "t" => {
                let outcome = outcome(&mut p, &mut b, &mut st, n)?;
                b.terminal(label, outcome).map_err(|e| located(&p, e))?;
            }
            "c" => {
                let (num, num_pos) = p.index("the chance information set number")?;
                let set_label = p.opt_string();
                let mut given: Option<(Vec<String>, Vec<Q>)> = None;
                let list_pos = p.pos();
                if p.eat(&Tok::LBrace) {
                    let mut actions = Vec::new();
                    let mut probs = Vec::new();
                    while !p.eat(&Tok::RBrace) {
                        actions.push(p.string("a chance action's label (a quoted string) or `}`")?);
                        probs.push(p.number("the action's probability")?.0);
                        p.eat(&Tok::Comma);
                    }
                    let what = || format!("actions of chance information set {num} (line {})", p.line_of(list_pos));
                    add_note(&mut notes, super::labels::disambiguate_with(&mut actions, what, "action"));
                    given = Some((actions, probs));
                }
                let c = match (st.chances.get(&num), given) {
                    (Some((c, acts, probs, at)), Some((a2, p2))) => {
                        if *acts != a2 || *probs != p2 {
                            return Err(p.err(
                                list_pos,
                                format!(
                                    "chance information set {num} was given other actions or probabilities on line {}",
                                    p.line_of(*at)
                                ),
                            ));
                        }
                        *c
                    }
                    (Some((c, ..)), None) => *c,
                    (None, Some((acts, probs))) => {
                        let c = b
                            .add_chance(set_label.unwrap_or_default(), acts.clone(), probs.clone())
                            .map_err(|e| p.err(list_pos, e.to_string()))?;
                        st.chances.insert(num, (c, acts, probs, list_pos));
                        c
                    }
                    (None, None) => {
                        return Err(p.err(
                            num_pos,
                            format!(
                                "chance information set {num} is used before its actions and probabilities are given"
                            ),
                        ))
                    }
                };
                let outcome = outcome(&mut p, &mut b, &mut st, n)?;
                b.chance(label, c, outcome).map_err(|e| located(&p, e))?;
            }
            _ => {
                let (player, ppos) = p.index("the player number")?;
                if player == 0 || player > n {
                    return Err(p.err(ppos, format!("player {player} does not exist; expected 1 to {n}")));
                }
                let player = player - 1;
                let (num, num_pos) = p.index("the information set number")?;
                let set_label = p.opt_string();
                let list_pos = p.pos();
                let mut given: Option<Vec<String>> = None;
                if p.eat(&Tok::LBrace) {
                    let mut actions = Vec::new();
                    while !p.eat(&Tok::RBrace) {
                        actions.push(p.string("an action label (a quoted string) or `}`")?);
                    }
                    let what = || {
                        format!(
                            "actions of information set {num} of `{}` (line {})",
                            players[player],
                            p.line_of(list_pos)
                        )
                    };
                    add_note(&mut notes, super::labels::disambiguate_with(&mut actions, what, "action"));
                    given = Some(actions);
                }
                let h = match (st.infosets.get(&(player, num)), given) {
                    (Some(&(h, at)), Some(acts)) => {
                        b.check_infoset(h, player, &acts).map_err(|e| {
                            p.err(
                                list_pos,
                                format!(
                                    "{e} (information set {num} of `{}`, first on line {})",
                                    players[player],
                                    p.line_of(at)
                                ),
                            )
                        })?;
                        h
                    }
                    (Some(&(h, _)), None) => h,
                    (None, Some(acts)) => {
                        let h = b
                            .add_infoset(player, set_label.unwrap_or_default(), acts)
                            .map_err(|e| p.err(list_pos, e.to_string()))?;
                        st.infosets.insert((player, num), (h, list_pos));
                        h
                    }
                    (None, None) => {
                        return Err(p.err(
                            num_pos,
                            format!(
                                "information set {num} of `{}` is used before its actions are given",
                                players[player]
                            ),
                        ))
                    }
                };
                let outcome = outcome(&mut p, &mut b, &mut st, n)?;
                b.decision(label, h, outcome).map_err(|e| located(&p, e))?;
            }
        }
    }
    match b.finish() {
        Ok(mut t) => {
            t.description = comment;
            t.notes = notes;
            Ok(t)
        }
        Err(e) => Err(p.err(src.len(), format!("the file ends early: {e}"))),
    }
}

/// Adds a renaming note, at most 20 in all (a repeated action list is renamed the same way
/// each time it is given, and noted once per list).
fn add_note(notes: &mut Vec<String>, note: Option<String>) {
    if let Some(n) = note {
        if notes.len() < 20 {
            notes.push(n);
        } else if notes.len() == 20 {
            notes.push("... more repeated labels renamed the same way".into());
        }
    }
}

fn outcome(p: &mut Parser<'_>, b: &mut TreeBuilder, st: &mut State, n: usize) -> Result<Option<usize>, ModelError> {
    let (num, num_pos) = p.index("the outcome number (0 for none)")?;
    if num == 0 {
        return Ok(None);
    }
    let name = p.opt_string();
    let list_pos = p.pos();
    let mut payoffs: Option<Vec<Q>> = None;
    if p.eat(&Tok::LBrace) {
        let mut v = Vec::new();
        while !p.eat(&Tok::RBrace) {
            v.push(p.number("a payoff or `}`")?.0);
            p.eat(&Tok::Comma);
        }
        if v.len() != n {
            return Err(p.err(list_pos, format!("expected {n} payoffs (one per player), found {}", v.len())));
        }
        payoffs = Some(v);
    }
    match (st.outcomes.get(&num), payoffs) {
        (Some((o, have, at)), Some(v)) => {
            if *have != v {
                return Err(p.err(
                    list_pos,
                    format!("outcome {num} was defined with other payoffs on line {}", p.line_of(*at)),
                ));
            }
            Ok(Some(*o))
        }
        (Some((o, ..)), None) => Ok(Some(*o)),
        (None, Some(v)) => {
            let o = b.add_outcome(name.unwrap_or_default(), v.clone()).map_err(|e| p.err(list_pos, e.to_string()))?;
            st.outcomes.insert(num, (o, v, list_pos));
            Ok(Some(o))
        }
        (None, None) => Err(p.err(num_pos, format!("outcome {num} is used before its payoffs are given"))),
    }
}

/// Writes a tree as a Gambit `.efg` file (version 2, exact numbers), which Gambit reads.
/// Information sets, chance moves and outcomes are numbered in order of first appearance.
pub fn write_efg(tree: &Tree) -> String {
    let mut s = String::from("EFG 2 R ");
    s.push_str(&quote(&tree.title));
    s.push_str(" {");
    for p in tree.players() {
        s.push(' ');
        s.push_str(&quote(p));
    }
    s.push_str(" }\n");
    s.push_str(&quote(&tree.description));
    s.push_str("\n\n");
    let mut chance_num: HashMap<usize, usize> = HashMap::new();
    let mut outcome_num: HashMap<usize, usize> = HashMap::new();
    for node in 0..tree.num_nodes() {
        let out = |s: &mut String, outcome_num: &mut HashMap<usize, usize>| match tree.outcome(node) {
            None => s.push_str(" 0\n"),
            Some(o) => {
                let k = outcome_num.len() + 1;
                let k = *outcome_num.entry(o).or_insert(k);
                let oc = &tree.outcomes()[o];
                let pay: Vec<String> = oc.payoffs.iter().map(fmt_q).collect();
                s.push_str(&format!(" {k} {} {{ {} }}\n", quote(&oc.label), pay.join(", ")));
            }
        };
        match tree.kind(node) {
            NodeKind::Terminal => {
                s.push_str(&format!("t {}", quote(tree.label(node))));
            }
            NodeKind::Chance { chance } => {
                let k = chance_num.len() + 1;
                let k = *chance_num.entry(chance).or_insert(k);
                let c = &tree.chances()[chance];
                let acts: Vec<String> = tree
                    .chance_actions(chance)
                    .iter()
                    .zip(&c.probs)
                    .map(|(a, p)| format!("{} {}", quote(a), fmt_q(p)))
                    .collect();
                s.push_str(&format!("c {} {k} {} {{ {} }}", quote(tree.label(node)), quote(&c.label), acts.join(" ")));
            }
            NodeKind::Decision { infoset } => {
                let h = &tree.infosets()[infoset];
                let acts: Vec<String> = tree.infoset_actions(infoset).iter().map(|a| quote(a)).collect();
                s.push_str(&format!(
                    "p {} {} {} {} {{ {} }}",
                    quote(tree.label(node)),
                    h.player + 1,
                    h.local + 1,
                    quote(&h.label),
                    acts.join(" ")
                ));
            }
        }
        out(&mut s, &mut outcome_num);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{frac, q};

    const SIGNAL: &str = r#"EFG 2 R "Signalling" { "You" "Firm" }
"A comment"

c "" 1 "" { "High" 1/3 "Low" 2/3 } 0
p "" 1 1 "" { "E" "N" } 0
p "" 2 1 "" { "M" "C" } 0
t "" 1 "Outcome1" { 6, 10 }
t "" 2 "Outcome2" { 0, 4 }
p "" 2 2 "" { "M" "C" } 0
t "" 3 "Outcome3" { 10, 10 }
t "" 4 "Outcome4" { 4, 4 }
p "" 1 2 "" { "E" "N" } 0
p "" 2 1 0
t "" 5 "Outcome5" { 3, 0 }
t "" 6 "Outcome6" { -3, 4 }
p "" 2 2 "" { "M" "C" } 0
t "" 7 "Outcome7" { 10, 0 }
t "" 1
"#;

    #[test]
    fn parses_and_round_trips() {
        let t = parse_efg("s.efg", SIGNAL).unwrap();
        assert_eq!(t.num_nodes(), 15);
        assert_eq!(t.players(), &["You".to_string(), "Firm".to_string()]);
        assert_eq!(t.description, "A comment");
        assert_eq!(t.chances()[0].probs, vec![frac(1, 3), frac(2, 3)]);
        assert_eq!(t.player_infosets(1).len(), 2);
        assert_eq!(t.infoset_size(t.player_infosets(1)[0]), 2);
        assert_eq!(t.node_payoffs(14), Some(&[q(6), q(10)][..]));
        assert!(t.perfect_recall().is_ok());
        let text = write_efg(&t);
        let back = parse_efg("w.efg", &text).unwrap();
        assert_eq!(back, t);
    }

    fn err(src: &str) -> (usize, usize, String) {
        let e = parse_efg("e.efg", src).unwrap_err();
        (e.location.line, e.location.column, e.message)
    }

    #[test]
    fn located_errors() {
        let (l, c, m) = err(&SIGNAL.replace("1/3 \"Low\" 2/3", "1/3 \"Low\" 1/3"));
        assert_eq!((l, c), (4, 11));
        assert!(m.contains("sum to 2/3"), "{m}");
        let (l, _, m) = err(&SIGNAL.replace("1/3 \"Low\" 2/3", "4/3 \"Low\" -1/3"));
        assert_eq!(l, 4);
        assert!(m.contains("negative"), "{m}");
        let (l, c, m) = err(&SIGNAL.replace("p \"\" 2 1 0", "p \"\" 3 1 0"));
        assert_eq!((l, c), (13, 6));
        assert!(m.contains("player 3 does not exist"), "{m}");
        let (l, _, m) = err(&SIGNAL.replace("p \"\" 2 1 0", "p \"\" 2 1 \"\" { \"M\" \"X\" } 0"));
        assert_eq!(l, 13);
        assert!(m.contains("has actions") && m.contains("first on line 6"), "{m}");
        let (l, _, m) = err(&SIGNAL.replace("p \"\" 2 1 0", "p \"\" 2 7 0"));
        assert_eq!(l, 13);
        assert!(m.contains("used before its actions"), "{m}");
        let (l, _, m) = err(&SIGNAL.replace("t \"\" 1\n", "t \"\" 1 \"x\" { 6, 11 }\n"));
        assert_eq!(l, 18);
        assert!(m.contains("other payoffs on line 7"), "{m}");
        let (l, _, m) = err(&SIGNAL.replace("t \"\" 1\n", ""));
        assert_eq!(l, 18);
        assert!(m.contains("ends early") && m.contains("1 more child"), "{m}");
        let (l, _, m) = err(&format!("{SIGNAL}t \"\" 0\n"));
        assert_eq!(l, 19);
        assert!(m.contains("already complete"), "{m}");
        let (_, _, m) = err(&SIGNAL.replace("{ 3, 0 }", "{ 3 }"));
        assert!(m.contains("expected 2 payoffs"), "{m}");
        let (_, _, m) = err(&SIGNAL.replace("EFG 2", "EFG 3"));
        assert!(m.contains("version 3"), "{m}");
        let (_, _, m) = err(&SIGNAL.replace("t \"\" 1\n", "t \"\" 9\n"));
        assert!(m.contains("outcome 9"), "{m}");
        assert!(err("NFG 1 R \"\" { }").2.contains(".nfg"));
        assert!(err("EFG 2 R \"\" { } \"\"").2.contains("no players"));
        let (_, _, m) = err(&SIGNAL.replace("p \"\" 1 1 \"\"", "x \"\" 1 1 \"\""));
        assert!(m.contains("expected a node"), "{m}");
    }

    #[test]
    fn every_prefix_errors_cleanly() {
        for cut in 0..SIGNAL.len() {
            if SIGNAL.is_char_boundary(cut) {
                let _ = parse_efg("cut.efg", &SIGNAL[..cut]);
            }
        }
    }
}

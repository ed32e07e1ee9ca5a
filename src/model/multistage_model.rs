//! TOML multistage games (`kind = "multistage"`): a stage game played period after period,
//! parsed with precise locations and evaluated for parameter values into a [`Multistage`].
//!
//! ```toml
//! kind = "multistage"
//! players = ["US", "DPRK"]
//! horizon = "horizon"              # number of periods (an expression: a whole number >= 1)
//! discount = "discount"            # δ in (0, 1]; optional, default 1
//! terminal = [0, "dprk_prize"]     # payoffs if nobody stops by the horizon; optional, default 0
//! [actions]
//! US = ["Concede", "Hold"]
//! DPRK = ["Concede", "Hold"]
//! [stage]                          # one entry per profile: `stop` ends the game, `continue` pays a flow
//! "Concede, Concede" = { stop = ["deal", "deal"] }
//! "Concede, Hold"    = { stop = [0, "dprk_prize"] }
//! "Hold, Concede"    = { stop = ["us_prize", 0] }
//! "Hold, Hold"       = { continue = ["-us_cost", "-dprk_cost"] }
//! ```
//! See `docs/model-format.md` ("Multistage games") for the full description.

use super::kit::{payoff_vector, Ctx, Entry, PayoffExpr};
use crate::error::{Error, ModelError};
use crate::game::multistage::{Multistage, StageOutcome, MAX_HORIZON};
use crate::game::Player;
use crate::model::expr::close_names;
use crate::num::Q;
use num_traits::{One, Signed};

/// The game part of a multistage model: players, stage actions and payoff expressions.
#[derive(Debug, Clone)]
pub struct MultistageBody {
    /// Players and their stage actions.
    pub players: Vec<Player>,
    /// Per profile (Gambit order): whether it stops, and its payoff expressions.
    pub(crate) outcomes: Vec<(bool, Vec<PayoffExpr>)>,
    pub(crate) horizon: PayoffExpr,
    pub(crate) discount: Option<PayoffExpr>,
    pub(crate) terminal: Option<Vec<PayoffExpr>>,
}

/// Top-level keys of a multistage model.
pub(super) const MULTISTAGE_TOP_KEYS: &[&str] = &[
    "title",
    "description",
    "kind",
    "players",
    "parameters",
    "derived",
    "actions",
    "stage",
    "horizon",
    "discount",
    "terminal",
    "scenarios",
];

/// Parses the game part of a multistage model.
pub(super) fn parse_multistage_body(
    cx: &Ctx<'_>,
    top: &[Entry],
    player_names: Vec<(String, std::ops::Range<usize>)>,
    names: &[&str],
) -> Result<MultistageBody, ModelError> {
    let get = |k: &str| top.iter().find(|e| e.key == k);
    let players_at = get("players").map_or(0, |e| e.key_span.start);
    let Some(actions_entry) = get("actions") else {
        return Err(cx.err(players_at, "a multistage model needs `[actions]`: each player's stage actions"));
    };
    let table = cx.table(&actions_entry.value, "`[actions]`")?;
    let mut actions: Vec<Option<Vec<String>>> = vec![None; player_names.len()];
    for a in table {
        let Some(i) = player_names.iter().position(|(p, _)| *p == a.key) else {
            let known: Vec<&str> = player_names.iter().map(|(p, _)| p.as_str()).collect();
            let mut msg = format!("`{}` is not a player", a.key);
            if let Some(c) = close_names(&a.key, &known).first() {
                msg.push_str(&format!("; did you mean `{c}`?"));
            }
            return Err(cx.err(a.key_span.start, msg));
        };
        let labels = cx.labels(&a.value, &format!("the actions of `{}`", a.key))?;
        if labels.is_empty() {
            return Err(cx.err(a.value.span.start, format!("player `{}` has no actions", a.key)));
        }
        if let Some((l, span)) = labels.iter().find(|(l, _)| l.contains(',')) {
            return Err(cx.err(span.start, format!("action `{l}` contains a comma, so `[stage]` keys cannot name it")));
        }
        actions[i] = Some(labels.into_iter().map(|(l, _)| l).collect());
    }
    let mut players = Vec::with_capacity(player_names.len());
    for ((name, _), a) in player_names.iter().zip(actions) {
        let Some(strategies) = a else {
            return Err(
                cx.err(actions_entry.value.span.start, format!("`[actions]` gives no actions for player `{name}`"))
            );
        };
        players.push(Player { name: name.clone(), strategies });
    }
    let mut profiles: usize = 1;
    for p in &players {
        profiles = profiles.checked_mul(p.strategies.len()).filter(|&x| x <= 1_000_000).ok_or_else(|| {
            cx.err(actions_entry.value.span.start, "the stage game is too large (more than 1,000,000 profiles)")
        })?;
    }

    // Stage outcomes.
    let Some(stage_entry) = get("stage") else {
        return Err(cx.err(
            actions_entry.key_span.start,
            "a multistage model needs `[stage]`: for each profile `\"A, B\" = { stop = [...] }` or `{ continue = [...] }`",
        ));
    };
    let stage = cx.table(&stage_entry.value, "`[stage]`")?;
    let n = players.len();
    let player_list: Vec<String> = players.iter().map(|p| p.name.clone()).collect();
    type Slot = Option<(usize, (bool, Vec<PayoffExpr>))>;
    let mut slots: Vec<Slot> = (0..profiles).map(|_| None).collect();
    for e in stage {
        let site = cx.site(&e.key_span);
        let mut parts = Vec::new();
        let mut start = 0;
        for part in e.key.split(',') {
            let lead = part.len() - part.trim_start().len();
            parts.push((start + lead, part.trim()));
            start += part.len() + 1;
        }
        if parts.len() != n {
            return Err(cx.err(
                e.key_span.start,
                format!(
                    "profile `{}` names {} actions; expected {n} (one per player, separated by commas)",
                    e.key,
                    parts.len()
                ),
            ));
        }
        let mut idx = 0;
        let mut stride = 1;
        for (i, (off, label)) in parts.into_iter().enumerate() {
            let p = &players[i];
            let Some(a) = p.strategies.iter().position(|s| s == label) else {
                let known: Vec<&str> = p.strategies.iter().map(String::as_str).collect();
                let mut msg = format!("`{label}` is not an action of `{}`", p.name);
                if let Some(c) = close_names(label, &known).first() {
                    msg.push_str(&format!("; did you mean `{c}`?"));
                }
                return Err(cx.err(site.at(off), msg));
            };
            idx += a * stride;
            stride *= p.strategies.len();
        }
        if let Some((first, _)) = &slots[idx] {
            let line = crate::error::Location::from_offset(cx.file, cx.src, *first).line;
            return Err(cx.err(e.key_span.start, format!("profile `{}` is given twice (first on line {line})", e.key)));
        }
        let fields = cx.table(&e.value, &format!("profile `{}`", e.key))?;
        cx.check_keys(fields, &["stop", "continue"], &format!(" in profile `{}`", e.key))?;
        let outcome = match fields {
            [f] => {
                let stop = f.key == "stop";
                let what = if stop { "`stop`" } else { "`continue`" };
                (stop, payoff_vector(cx, &f.value, &player_list, names, what)?)
            }
            _ => {
                return Err(cx.err(
                    e.value.span.start,
                    format!(
                        "profile `{}` needs exactly one of `stop = [...]` (the game ends with these payoffs) or \
                         `continue = [...]` (this period's payoffs, then the next period)",
                        e.key
                    ),
                ))
            }
        };
        slots[idx] = Some((e.key_span.start, outcome));
    }
    let mut outcomes = Vec::with_capacity(profiles);
    for (k, s) in slots.into_iter().enumerate() {
        match s {
            Some((_, o)) => outcomes.push(o),
            None => {
                let label = {
                    let mut r = k;
                    players
                        .iter()
                        .map(|p| {
                            let a = r % p.strategies.len();
                            r /= p.strategies.len();
                            p.strategies[a].clone()
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                return Err(
                    cx.err(stage_entry.value.span.start, format!("`[stage]` has no entry for profile `{label}`"))
                );
            }
        }
    }

    let Some(h) = get("horizon") else {
        return Err(cx.err(players_at, "a multistage model needs `horizon = ...`: the number of periods"));
    };
    let horizon = cx.bound(&h.value, names, "`horizon`")?;
    let discount = get("discount").map(|d| cx.bound(&d.value, names, "`discount`")).transpose()?;
    let terminal =
        get("terminal").map(|t| payoff_vector(cx, &t.value, &player_list, names, "`terminal`")).transpose()?;
    Ok(MultistageBody { players, outcomes, horizon, discount, terminal })
}

/// Evaluates a multistage body for parameter values (through `eval`), checking the horizon
/// (a whole number of periods, at least 1) and the discount factor (in (0, 1]) with located errors.
pub(crate) fn evaluate_multistage(
    body: &MultistageBody,
    title: &str,
    description: &str,
    mut eval: impl FnMut(&PayoffExpr, &str) -> Result<Q, Error>,
    located: impl Fn(usize, String) -> Error,
) -> Result<Multistage, Error> {
    let h = eval(&body.horizon, "in `horizon`")?;
    let at_h = body.horizon.site.offset;
    if !h.is_integer() || h < Q::one() || h > Q::from_integer(MAX_HORIZON.into()) {
        return Err(located(
            at_h,
            format!("the horizon must be a whole number of periods from 1 to {MAX_HORIZON}, found {h}"),
        ));
    }
    let horizon = u64::try_from(h.to_integer()).map_err(|_| located(at_h, format!("the horizon {h} is too large")))?;
    let discount = match &body.discount {
        Some(d) => {
            let v = eval(d, "in `discount`")?;
            if !v.is_positive() || v > Q::one() {
                return Err(located(d.site.offset, format!("the discount factor must be in (0, 1], found {v}")));
            }
            v
        }
        None => Q::one(),
    };
    let terminal = match &body.terminal {
        Some(t) => t.iter().map(|e| eval(e, "in `terminal`")).collect::<Result<Vec<_>, _>>()?,
        None => vec![Q::from_integer(0.into()); body.players.len()],
    };
    let mut outcomes = Vec::with_capacity(body.outcomes.len());
    for (stop, exprs) in &body.outcomes {
        let v = exprs.iter().map(|e| eval(e, "in a stage payoff")).collect::<Result<Vec<_>, _>>()?;
        outcomes.push(if *stop { StageOutcome::Stop { payoffs: v } } else { StageOutcome::Continue { flow: v } });
    }
    let mut g = Multistage::new(title, body.players.clone(), outcomes, discount, horizon, terminal)
        .map_err(|e| located(at_h, e.to_string()))?;
    g.description = description.to_string();
    Ok(g)
}

#[cfg(test)]
mod tests {
    use crate::model::{parse_model, Settings};
    use crate::num::{frac, q};

    const SRC: &str = r#"kind = "multistage"
players = ["A", "B"]
horizon = "T"
discount = "d"
terminal = [0, "v"]
[parameters]
T = 3
d = "1/2"
v = 10
[actions]
A = ["Stop", "Go"]
B = ["Stop", "Go"]
[stage]
"Stop, Stop" = { stop = [1, 1] }
"Stop, Go" = { stop = [0, "v"] }
"Go, Stop" = { stop = ["v", 0] }
"Go, Go" = { continue = [-1, -2] }
"#;

    fn err(from: &str, to: &str) -> (usize, usize, String) {
        let src = SRC.replacen(from, to, 1);
        assert_ne!(src, SRC, "{from:?} not found");
        let e = match parse_model("m.toml", &src) {
            Err(e) => e,
            Ok(m) => match m.multistage(&Settings::default()).unwrap_err() {
                crate::Error::Model(e) => e,
                other => panic!("not located: {other}"),
            },
        };
        (e.location.line, e.location.column, e.message)
    }

    #[test]
    fn parses_and_evaluates() {
        let m = parse_model("m.toml", SRC).unwrap();
        assert!(m.is_multistage() && m.is_tree());
        let g = m.multistage(&Settings::default()).unwrap();
        assert_eq!(g.horizon(), 3);
        assert_eq!(g.discount(), &frac(1, 2));
        assert_eq!(g.terminal(), &[q(0), q(10)]);
        assert_eq!(g.outcomes()[3], crate::game::StageOutcome::Continue { flow: vec![q(-1), q(-2)] });
        assert_eq!(g.outcomes()[1], crate::game::StageOutcome::Stop { payoffs: vec![q(10), q(0)] });
        let t = m.tree(&Settings::default()).unwrap();
        assert_eq!(t.num_nodes(), g.expanded_size() as usize);
        // The reduced strategic form: stop in period 0, 1, 2 or never.
        let nf = m.game(&Settings::default()).unwrap();
        assert_eq!(nf.shape(), vec![4, 4]);
    }

    #[test]
    fn located_errors() {
        let (l, c, m) = err("\"Go, Go\" = { continue", "\"Go, Og\" = { continue");
        assert_eq!((l, c), (17, 6));
        assert!(m.contains("`Og` is not an action of `B`; did you mean `Go`?"), "{m}");
        let (l, _, m) = err("\"Go, Go\" = { continue = [-1, -2] }\n", "");
        assert_eq!(l, 13);
        assert!(m.contains("no entry for profile `Go, Go`"), "{m}");
        let (l, c, m) = err("{ continue = [-1, -2] }", "{ continue = [-1, -2], stop = [0, 0] }");
        assert_eq!((l, c), (17, 12));
        assert!(m.contains("exactly one of"), "{m}");
        let (l, c, m) = err("{ continue = [-1, -2] }", "{ contine = [-1, -2] }");
        assert_eq!((l, c), (17, 14));
        assert!(m.contains("did you mean `continue`"), "{m}");
        let (l, c, m) = err("[-1, -2]", "[-1]");
        assert_eq!((l, c), (17, 25));
        assert!(m.contains("expected 2 payoffs"), "{m}");
        let (l, c, m) = err("T = 3", "T = \"5/2\"");
        assert_eq!((l, c), (3, 12));
        assert!(m.contains("whole number of periods"), "{m}");
        let (l, c, m) = err("d = \"1/2\"", "d = 2");
        assert_eq!((l, c), (4, 13));
        assert!(m.contains("(0, 1]"), "{m}");
        let (l, c, m) = err("terminal = [0, \"v\"]", "terminal = [0, \"w\"]");
        assert_eq!((l, c), (5, 17));
        assert!(m.contains("unknown name `w`"), "{m}");
        let (_, _, m) = err("horizon = \"T\"\n", "");
        assert!(m.contains("needs `horizon"), "{m}");
        let (l, c, m) = err("B = [\"Stop\", \"Go\"]", "C = [\"Stop\", \"Go\"]");
        assert_eq!((l, c), (12, 1));
        assert!(m.contains("`C` is not a player"), "{m}");
        let (_, _, m) = err("[stage]", "[stages]");
        assert!(m.contains("unknown key `stages`; did you mean `stage`?"), "{m}");
        let (l, _, m) = err(
            "\"Stop, Go\" = { stop = [0, \"v\"] }",
            "\"Stop , Go\" = { stop = [0, \"v\"] }\n\"Stop,Go\" = { stop = [0, 0] }",
        );
        assert_eq!(l, 16);
        assert!(m.contains("given twice"), "{m}");
    }
}

//! Solving trees: subgame-perfect equilibria (`spe`, the default: backward induction with perfect
//! information, the subgame decomposition of [`subgame`] otherwise), the sequence form
//! (`lemke`: Lemke's algorithm, `lp`: constant-sum trees, see [`seq_lemke`]) or any other
//! normal-form method on the reduced strategic form, with every answer mapped to behaviour
//! strategies and verified exactly.
//!
//! Verification: a behaviour profile is a Nash equilibrium iff the mixed profile it induces on
//! the reduced strategic form has regret exactly zero (Kuhn's theorem, perfect recall) — or,
//! when that form was not built, iff no player's exact best response on the sequence form pays
//! more. An SPE is additionally checked in every subgame: with perfect information no mover gains
//! by a one-shot deviation at any node; otherwise the profile must be a Nash equilibrium of the
//! residual game of every proper subgame ([`subgame::verify_spe`]).

use super::Method;
pub mod backward;
pub mod multistage;
pub mod seq_lemke;
pub mod sequence;
mod solution;
pub mod subgame;

pub use solution::{TreeEquilibrium, TreeSolution, MAX_LISTED_SPE};

use super::SolveOptions;
use crate::error::{Error, Result};
use crate::game::reduce::{reduce, ReducedForm};
use crate::game::tree::{BehaviorProfile, Tree};
use crate::num::{fmt_q, Q};
use num_traits::Zero;
use sequence::SequenceForm;

/// The default method for every tree: `spe` (subgame-perfect equilibria; backward induction
/// with perfect information, the subgame decomposition otherwise).
pub fn default_method(_tree: &Tree) -> Method {
    Method::Spe
}

/// Solves a tree with `method` (`auto`, `spe`, the sequence-form `lemke` and `lp`, or any other
/// method on the reduced strategic form) and verifies every equilibrium exactly.
pub fn solve_tree(tree: &Tree, method: Method, options: &SolveOptions) -> Result<TreeSolution> {
    let sol = solve_tree_unverified(tree, method, options)?;
    verify_tree_solution(tree, &sol)?;
    Ok(sol)
}

/// [`solve_tree`] without the final exact check of every equilibrium ([`verify_tree_solution`]).
/// Only for callers that use the result as a cheap signature and verify whatever they report
/// (threshold bisection compares regimes at many points and reports a few).
pub fn solve_tree_unverified(tree: &Tree, method: Method, options: &SolveOptions) -> Result<TreeSolution> {
    let method = if method == Method::Auto { default_method(tree) } else { method };
    let sol = match method {
        Method::Spe if tree.is_perfect_information() => solve_spe(tree)?,
        Method::Spe => solve_spe_general(tree, options)?,
        Method::Lemke => {
            let mut sol = seq_lemke::solve_lemke(tree)?;
            if options.start_label.is_some() {
                sol.notes.push("the start label applies to Lemke-Howson on strategic forms; it is ignored here".into());
            }
            sol
        }
        Method::Lp => seq_lemke::solve_lp(tree)?,
        Method::Auto
        | Method::Pure
        | Method::Enum
        | Method::Correlated
        | Method::Logit
        | Method::EnumPoly
        | Method::SimpDiv
        | Method::Gnm => solve_reduced(tree, method, options)?,
    };
    let mut sol = sol;
    add_beliefs(tree, &mut sol);
    Ok(sol)
}

/// The most pure profiles of the reduced strategic form built alongside `spe` (only to state each
/// SPE's equivalent mixed profile; the SPE checks do not need it).
pub const SPE_REDUCED_PROFILES: usize = 4096;

/// The reduced strategic form, if it has at most [`SPE_REDUCED_PROFILES`] pure profiles.
fn small_reduced_form(tree: &Tree) -> Option<ReducedForm> {
    if tree.num_nodes() > 100_000 {
        return None;
    }
    let profiles = (0..tree.num_players()).try_fold(1usize, |acc, i| {
        crate::game::reduce::reduced_strategies(tree, i).ok().and_then(|s| acc.checked_mul(s.len()))
    })?;
    if profiles > SPE_REDUCED_PROFILES {
        return None;
    }
    reduce(tree).ok()
}

fn solve_spe(tree: &Tree) -> Result<TreeSolution> {
    let set = backward::all_spe(tree, MAX_LISTED_SPE)?;
    let reduced = small_reduced_form(tree);
    let mut notes = Vec::new();
    let mut chance_on_path = false;
    let equilibria = set
        .equilibria
        .iter()
        .map(|e| {
            let behavior = BehaviorProfile::pure(tree, &backward::choice_by_infoset(tree, &e.choice));
            let (path, path_chance) = backward::path(tree, &e.choice);
            chance_on_path |= path_chance.iter().any(Option::is_some);
            let mixed = reduced.as_ref().map(|r| r.mixed_of(&behavior));
            TreeEquilibrium {
                behavior,
                payoffs: e.payoffs.clone(),
                path: Some(path),
                path_chance,
                mixed,
                beliefs: Vec::new(),
                max_regret: None,
            }
        })
        .collect::<Vec<_>>();
    match set.total {
        1 => notes.push("exactly one subgame-perfect equilibrium (no mover is ever indifferent)".to_string()),
        t if t as usize == equilibria.len() => {
            notes.push(format!("{t} pure subgame-perfect equilibria: some movers are indifferent"))
        }
        t => notes.push(format!(
            "{} pure subgame-perfect equilibria in all; only the first {} are listed",
            if t == u128::MAX { "more than 10^38".to_string() } else { t.to_string() },
            equilibria.len()
        )),
    }
    if chance_on_path {
        notes.push(
            "the path passes chance nodes; it follows the most likely branch at each (the first one on ties)".into(),
        );
    }
    if reduced.is_none() {
        notes.push(format!(
            "the reduced strategic form was not built (more than {SPE_REDUCED_PROFILES} pure profiles): no \
             equivalent mixed profiles are given; every SPE is verified in every subgame"
        ));
    }
    Ok(TreeSolution {
        method: Method::Spe,
        exact: true,
        complete: true,
        equilibria,
        reduced,
        components: Vec::new(),
        notes,
    })
}

fn solve_spe_general(tree: &Tree, options: &SolveOptions) -> Result<TreeSolution> {
    if let Err(v) = tree.perfect_recall() {
        return Err(Error::Unsupported {
            method: "spe".into(),
            reason: format!(
                "subgame perfection with imperfect information solves subgames on their reduced strategic form, which \
                 needs perfect recall: {} (information set {} of that player)",
                v.reason,
                v.infoset + 1
            ),
        });
    }
    let sol = subgame::solve_subgames(tree, options)?;
    let reduced = small_reduced_form(tree);
    let mut chance_on_path = false;
    let mut any_unreached = false;
    let equilibria: Vec<TreeEquilibrium> = sol
        .equilibria
        .into_iter()
        .map(|(behavior, payoffs)| {
            let (path, path_chance) = match behavior.as_pure() {
                Some(choice) => {
                    let (p, chance) = backward::path(tree, &per_node_choice(tree, &choice));
                    chance_on_path |= chance.iter().any(Option::is_some);
                    (Some(p), chance)
                }
                None => (None, Vec::new()),
            };
            any_unreached |= behavior.unreached.iter().flatten().any(|&u| u);
            let mixed = reduced.as_ref().map(|r| r.mixed_of(&behavior));
            TreeEquilibrium { behavior, payoffs, path, path_chance, mixed, beliefs: Vec::new(), max_regret: None }
        })
        .collect();
    let mut notes = Vec::new();
    let kinds = if sol.pure_only {
        "every combination of backward induction (all ties) with the equilibria of the subgames with imperfect \
         information; some subgame of three or more players was beyond enumpoly's budget and was searched for pure \
         equilibria only"
    } else if tree.num_players() == 2 {
        "all pure SPEs and all combinations of extreme equilibria of the subgames: backward induction (all ties) \
         where information is perfect, every extreme equilibrium of the reduced strategic form of each subgame \
         with imperfect information"
    } else {
        "all pure SPEs and all combinations of the equilibria of the subgames: backward induction (all ties) where \
         information is perfect, every isolated equilibrium (enumpoly: pure and mixed, exact or certified) of the \
         reduced strategic form of each subgame with imperfect information, the vertices of each continuum that enumpoly solves exactly and one point of any other"
    };
    let total = if sol.total == u128::MAX { "more than 10^38".to_string() } else { sol.total.to_string() };
    notes.push(format!(
        "{total} subgame-perfect equilibri{} found by the subgame decomposition ({} proper subgame{}, {} solved on \
         a reduced strategic form): {kinds}",
        if sol.total == 1 { "um" } else { "a" },
        sol.proper_subgames,
        if sol.proper_subgames == 1 { "" } else { "s" },
        sol.imperfect_residuals
    ));
    if sol.total > equilibria.len() as u128 {
        notes.push(format!("only the first {} are listed", equilibria.len()));
    }
    if sol.total == 0 && sol.pure_only {
        notes.push(
            "no pure subgame-perfect equilibrium exists; a mixed one does (every finite game with perfect recall \
             has one), but a subgame was too large for enumpoly (see below)"
                .into(),
        );
    }
    if !sol.exact {
        notes.push(
            "some subgame equilibria are irrational: they are listed as decimals (rounded rationals) and the SPEs \
             built on them are ε-SPEs whose max regret (the largest gain of a deviation in any subgame) is computed \
             exactly and shown per equilibrium"
                .into(),
        );
    }
    notes.extend(sol.notes);
    if chance_on_path {
        notes.push(
            "the path passes chance nodes; it follows the most likely branch at each (the first one on ties)".into(),
        );
    }
    if any_unreached {
        notes.push(
            "some information sets are never reached by their player's own strategy within their subgame: any \
             behaviour there is equally good; they are marked unreached and shown as uniform"
                .into(),
        );
    }
    let mut equilibria = equilibria;
    if !sol.exact {
        for e in &mut equilibria {
            let (_, regret) = subgame::spe_regret(tree, &e.behavior)
                .map_err(|m| Error::Internal(format!("spe: an equilibrium is malformed: {m}")))?;
            e.max_regret = Some(regret);
        }
    }
    Ok(TreeSolution {
        method: Method::Spe,
        exact: sol.exact,
        complete: sol.complete,
        equilibria,
        reduced,
        components: Vec::new(),
        notes,
    })
}

/// The largest proven max regret accepted for an approximate SPE: `1e-6` times the larger of 1
/// and the largest absolute payoff of the tree (rounded subgame equilibria are certified to
/// `1e-9` of their residual game's payoffs; the margin covers their combination up the tree).
fn spe_tolerance(tree: &Tree) -> Q {
    let big = tree
        .outcomes()
        .iter()
        .flat_map(|o| o.payoffs.iter())
        .map(num_traits::Signed::abs)
        .max()
        .unwrap_or_else(Q::zero)
        .max(num_traits::One::one());
    big / Q::from_integer(1_000_000.into())
}

/// The largest tree whose equilibria get beliefs (they cost one number per node and equilibrium).
pub const MAX_BELIEF_NODES: usize = 1_000_000;

/// Fills in every equilibrium's beliefs (see [`TreeEquilibrium::beliefs`]).
fn add_beliefs(tree: &Tree, sol: &mut TreeSolution) {
    if tree.num_nodes() > MAX_BELIEF_NODES {
        sol.notes.push(format!("beliefs are not computed for trees of more than {MAX_BELIEF_NODES} nodes"));
        return;
    }
    let per_subgame = sol.method == Method::Spe;
    for e in &mut sol.equilibria {
        e.beliefs = if per_subgame && tree.is_perfect_information() {
            // Every information set is one node, the root of its own subgame.
            (0..tree.num_players())
                .map(|i| vec![Some(vec![num_traits::One::one()]); tree.player_infosets(i).len()])
                .collect()
        } else {
            subgame::beliefs(tree, &e.behavior, per_subgame)
        };
    }
}

/// The per-node action of a pure per-infoset choice (`choice[player][infoset]`).
fn per_node_choice(tree: &Tree, choice: &[Vec<usize>]) -> Vec<u32> {
    let mut per_node = vec![backward::NO_CHOICE; tree.num_nodes()];
    for (i, sets) in choice.iter().enumerate() {
        for (k, &a) in sets.iter().enumerate() {
            for node in tree.infoset_nodes(tree.player_infosets(i)[k]) {
                per_node[node] = a as u32;
            }
        }
    }
    per_node
}

fn solve_reduced(tree: &Tree, method: Method, options: &SolveOptions) -> Result<TreeSolution> {
    let reduced = reduce(tree)?;
    let sol = crate::solve::solve(&reduced.game, method, options)?;
    let mut notes = vec![format!(
        "solved on the reduced strategic form ({} strategies); strategies list the actions at each information set \
         in document order, `*` where the player's own earlier choice already excludes it",
        reduced.game.shape().iter().map(|s| s.to_string()).collect::<Vec<_>>().join(" x ")
    )];
    notes.extend(sol.notes.iter().cloned());
    let mut any_unreached = false;
    let equilibria = sol
        .equilibria
        .iter()
        .map(|e| {
            let behavior = reduced.behavior_of(tree, &e.profile);
            any_unreached |= behavior.unreached.iter().flatten().any(|&u| u);
            TreeEquilibrium {
                behavior,
                payoffs: e.payoffs.clone(),
                path: None,
                path_chance: Vec::new(),
                mixed: Some(e.profile.clone()),
                beliefs: Vec::new(),
                max_regret: None,
            }
        })
        .collect();
    if any_unreached {
        notes.push(
            "some information sets are never reached by their player's own strategy: any behaviour there is \
             equally good; they are marked unreached and shown as uniform"
                .into(),
        );
    }
    Ok(TreeSolution {
        method: sol.method,
        exact: sol.exact,
        complete: sol.complete,
        equilibria,
        reduced: Some(reduced),
        components: sol.components,
        notes,
    })
}

/// Checks every equilibrium of a tree solution exactly (see the module docs).
pub fn verify_tree_solution(tree: &Tree, sol: &TreeSolution) -> Result<()> {
    let mut sequence_form: Option<Result<SequenceForm>> = None;
    for (k, e) in sol.equilibria.iter().enumerate() {
        let bad = |what: String| Error::Internal(format!("{}: equilibrium {} {what}", sol.method, k + 1));
        e.behavior.check(tree).map_err(|m| bad(format!("is malformed: {m}")))?;
        if !sol.exact && sol.method == Method::Spe {
            // An ε-SPE from rounded irrational subgame equilibria: its stated regret is recomputed
            // exactly and must be within the tolerance.
            let (v, regret) = subgame::spe_regret(tree, &e.behavior).map_err(|m| bad(format!("is malformed: {m}")))?;
            if v != e.payoffs {
                return Err(bad("states wrong payoffs".into()));
            }
            if e.max_regret.as_ref() != Some(&regret) || regret > spe_tolerance(tree) {
                return Err(bad(format!("has max regret {} in some subgame (not an ε-SPE)", fmt_q(&regret))));
            }
            continue;
        }
        if !sol.exact {
            continue;
        }
        if tree.expected_payoffs(&e.behavior) != e.payoffs {
            return Err(bad("states wrong payoffs".into()));
        }
        // An SPE is checked in every subgame below, the whole game included: no separate Nash check.
        if sol.method != Method::Spe {
            if let Some(r) = &sol.reduced {
                let induced = r.mixed_of(&e.behavior);
                let regret = r.game.max_regret(&induced);
                if !regret.is_zero() {
                    return Err(bad(format!("has regret {} (not a Nash equilibrium)", fmt_q(&regret))));
                }
            } else {
                // Without the reduced form: the exact best responses of the sequence form.
                let sf = sequence_form.get_or_insert_with(|| SequenceForm::new(tree));
                let sf = sf.as_ref().map_err(|err| bad(format!("cannot be verified: {err}")))?;
                let plans: Vec<Vec<Q>> = (0..tree.num_players()).map(|i| sf.realization(&e.behavior, i)).collect();
                let regret = sf.max_regret(&plans);
                if !regret.is_zero() {
                    return Err(bad(format!("has regret {} (not a Nash equilibrium)", fmt_q(&regret))));
                }
            }
        }
        if sol.method == Method::Spe {
            let v = if tree.is_perfect_information() {
                let choice = e.behavior.as_pure().ok_or_else(|| bad("is not pure".into()))?;
                backward::check_subgame_perfect(tree, &per_node_choice(tree, &choice))
            } else {
                subgame::verify_spe(tree, &e.behavior)
            }
            .map_err(|m| bad(format!("is not subgame perfect: {m}")))?;
            if v != e.payoffs {
                return Err(bad("states wrong payoffs".into()));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::tree::tests::sequential_chicken;
    use crate::num::q;

    #[test]
    fn every_method_on_sequential_chicken() {
        let t = sequential_chicken();
        assert_eq!(default_method(&t), crate::solve::Method::Spe);
        let spe = solve_tree(&t, crate::solve::Method::Auto, &SolveOptions::default()).unwrap();
        assert_eq!(spe.method, crate::solve::Method::Spe);
        assert_eq!(spe.equilibria.len(), 1);
        assert_eq!(spe.equilibria[0].path, Some(vec!["Straight".to_string(), "Swerve".to_string()]));
        let e = solve_tree(&t, crate::solve::Method::Enum, &SolveOptions::default()).unwrap();
        // Nash equilibria of the reduced form include (Swerve, B Straight after Swerve and
        // Straight after Straight) with payoffs (2, 7): a non-credible threat.
        let pays: std::collections::BTreeSet<Vec<Q>> = e.equilibria.iter().map(|e| e.payoffs.clone()).collect();
        assert!(pays.contains(&vec![q(7), q(2)]) && pays.contains(&vec![q(2), q(7)]), "{pays:?}");
        let p = solve_tree(&t, crate::solve::Method::Pure, &SolveOptions::default()).unwrap();
        assert!(p.equilibria.iter().all(|e| e.behavior.as_pure().is_some()));
        assert!(solve_tree(&t, crate::solve::Method::Lemke, &SolveOptions::default()).is_ok());
    }

    #[test]
    fn spe_refuses_imperfect_recall_clearly() {
        let t = crate::game::tree::tests::forgetful();
        for m in [Method::Spe, Method::Auto, Method::Lemke] {
            match solve_tree(&t, m, &SolveOptions::default()) {
                Err(Error::Unsupported { reason, .. }) => assert!(reason.contains("perfect recall"), "{m}: {reason}"),
                other => panic!("{m}: {other:?}"),
            }
        }
    }

    #[test]
    fn verifier_rejects_a_non_equilibrium() {
        let t = sequential_chicken();
        let mut sol = solve_tree(&t, crate::solve::Method::Spe, &SolveOptions::default()).unwrap();
        // B swerving after Straight is right; make B go Straight after Straight instead.
        sol.equilibria[0].behavior = BehaviorProfile::pure(&t, &[vec![1], vec![1, 1]]);
        sol.equilibria[0].payoffs = vec![q(0), q(0)];
        assert!(matches!(verify_tree_solution(&t, &sol), Err(Error::Internal(_))));
    }
}

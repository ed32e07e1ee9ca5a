//! Textbook trees with their known answers, each derived by hand in the comments: sequential
//! chicken (the first mover wins), a trust game (a commitment problem: no trust in the SPE, a
//! Nash equilibrium of the reduced form that is not subgame perfect), Selten's horse (three
//! players, no proper subgame) and the beer–quiche signalling game (two pooling equilibria,
//! beliefs where Bayes' rule defines them).

use standoff::game::Tree;
use standoff::model::{parse_model, Settings};
use standoff::num::{fmt_q, frac, q, Q};
use standoff::solve::tree::subgame::{verify_spe, Subgames};
use standoff::solve::tree::{solve_tree, TreeSolution};
use standoff::solve::SolveOptions;
use std::collections::BTreeSet;

fn tree(src: &str) -> Tree {
    parse_model("t.toml", src).unwrap_or_else(|e| panic!("{e}")).tree(&Settings::default()).unwrap()
}

fn solve(t: &Tree, method: standoff::solve::Method) -> TreeSolution {
    solve_tree(t, method, &SolveOptions::default()).unwrap_or_else(|e| panic!("{method}: {e}"))
}

fn payoff_set(sol: &TreeSolution) -> BTreeSet<Vec<String>> {
    sol.equilibria.iter().map(|e| e.payoffs.iter().map(fmt_q).collect()).collect()
}

fn pays(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|x| x.to_string()).collect()
}

const CHICKEN: &str = r#"title = "Sequential chicken"
kind = "tree"
players = ["A", "B"]

[nodes.a]
player = "A"
actions = { Swerve = "b_swerved", Straight = "b_straight" }

[nodes.b_swerved]
player = "B"
actions = { Swerve = [6, 6], Straight = [2, 7] }

[nodes.b_straight]
player = "B"
actions = { Swerve = [7, 2], Straight = [0, 0] }
"#;

#[test]
fn sequential_chicken_first_mover_wins() {
    // B best-responds: after Swerve, Straight (7 > 6); after Straight, Swerve (2 > 0). A then
    // compares 2 (Swerve) with 7 (Straight) and goes straight: (7, 2), unique (no ties).
    let t = tree(CHICKEN);
    let sol = solve(&t, standoff::solve::Method::Auto);
    assert_eq!(sol.method, standoff::solve::Method::Spe);
    assert_eq!(sol.equilibria.len(), 1);
    let e = &sol.equilibria[0];
    assert_eq!(e.behavior.as_pure(), Some(vec![vec![1], vec![1, 0]]));
    assert_eq!(e.payoffs, vec![q(7), q(2)]);
    assert_eq!(e.path, Some(pays(&["Straight", "Swerve"])));
    // Moving second is worse for B than the simultaneous game's best outcome for B (7): B would
    // like to commit. In the reduced form, B's threat "Straight whatever A does" makes A
    // swerve — a Nash equilibrium paying (2, 7) that is not subgame perfect.
    let nash = solve(&t, standoff::solve::Method::Enum);
    assert!(payoff_set(&nash).contains(&pays(&["2", "7"])));
    let threat = nash.equilibria.iter().find(|e| e.behavior.as_pure() == Some(vec![vec![0], vec![1, 1]])).unwrap();
    assert_eq!(threat.payoffs, vec![q(2), q(7)]);
    let why = verify_spe(&t, &threat.behavior).unwrap_err();
    assert!(why.contains("`B` plays `Straight`"), "{why}");
    // Mirror: with B moving first, B wins.
    let mirrored = CHICKEN
        .replace("players = [\"A\", \"B\"]", "players = [\"B\", \"A\"]")
        .replace("player = \"A\"", "player = \"X\"")
        .replace("player = \"B\"", "player = \"A\"")
        .replace("player = \"X\"", "player = \"B\"");
    let sol = solve(&tree(&mirrored), standoff::solve::Method::Spe);
    assert_eq!(sol.equilibria[0].payoffs, vec![q(7), q(2)]);
    assert_eq!(
        solve(&tree(&mirrored), standoff::solve::Method::Spe).equilibria[0].path,
        Some(pays(&["Straight", "Swerve"]))
    );
    // Lemke on the sequence form finds an exact equilibrium (verified in solve_tree).
    assert_eq!(solve(&t, standoff::solve::Method::Lemke).equilibria.len(), 1);
}

const TRUST: &str = r#"title = "Trust game"
kind = "tree"
players = ["Investor", "Trustee"]

[nodes.invest]
player = "Investor"
actions = { Trust = "trustee", Keep = [1, 1] }

[nodes.trustee]
player = "Trustee"
actions = { Honor = [2, 2], Betray = [0, 3] }
"#;

#[test]
fn trust_game_commitment_problem() {
    // The trustee betrays (3 > 2), so the investor keeps (1 > 0): (1, 1), although honoured
    // trust (2, 2) is better for both — the trustee cannot commit to honour.
    let t = tree(TRUST);
    let sol = solve(&t, standoff::solve::Method::Auto);
    assert_eq!(sol.equilibria.len(), 1);
    assert_eq!(sol.equilibria[0].behavior.as_pure(), Some(vec![vec![1], vec![1]]));
    assert_eq!(sol.equilibria[0].payoffs, vec![q(1), q(1)]);
    // The reduced form (Investor: Trust/Keep; Trustee: Honor/Betray) has a second extreme
    // equilibrium: Keep, with the trustee honouring with probability 1/2 — the investor's
    // Trust then pays 2 * 1/2 = 1, no more than Keep. It is Nash (the trustee's node is never
    // reached) but not subgame perfect: at her node, honouring loses 1.
    let nash = solve(&t, standoff::solve::Method::Enum);
    assert_eq!(nash.equilibria.len(), 2);
    let mixed = nash.equilibria.iter().find(|e| e.behavior.as_pure().is_none()).unwrap();
    assert_eq!(mixed.behavior.probs[1][0], vec![frac(1, 2), frac(1, 2)]);
    assert_eq!(mixed.payoffs, vec![q(1), q(1)]);
    let why = verify_spe(&t, &mixed.behavior).unwrap_err();
    assert!(why.contains("Trustee") && why.contains("Honor"), "{why}");
    assert!(verify_spe(&t, &sol.equilibria[0].behavior).is_ok());
}

const HORSE: &str = r#"title = "Selten's horse"
kind = "tree"
players = ["P1", "P2", "P3"]

[nodes.one]
player = "P1"
actions = { C = "two", D = "three_after_D" }

[nodes.two]
player = "P2"
actions = { c = [1, 1, 1], d = "three_after_d" }

[nodes.three_after_d]
player = "P3"
infoset = "three"
actions = { L = [4, 4, 0], R = [1, 1, 1] }

[nodes.three_after_D]
player = "P3"
infoset = "three"
actions = { L = [3, 3, 2], R = [0, 0, 0] }
"#;

#[test]
fn seltens_horse() {
    // P3's information set spans both branches, so no node but the root starts a proper
    // subgame: `spe` is Nash on the whole game, pure for three players.
    let t = tree(HORSE);
    assert_eq!(Subgames::new(&t).num_proper(&t), 0);
    // Pure profiles (P1 C/D, P2 c/d, P3 L/R), by hand:
    // (C,c,L) 1,1,1: P1 gains with D (3).           (C,c,R) 1,1,1: Nash (D gives P1 0; P2's d
    // gives 1 = 1; P3 unreached).                     (C,d,L) 4,4,0: P3 gains with R (1).
    // (C,d,R) 1,1,1: Nash (D gives 0; c gives P2 1; P3's R: 1 > 0).
    // (D,c,L) 3,3,2: Nash (C gives P1 1; P2 unreached; P3's L: 2 > 0).
    // (D,c,R), (D,d,R) 0,0,0: P1 gains with C.       (D,d,L) 3,3,2: P1 gains with C (4).
    let sol = solve(&t, standoff::solve::Method::Auto);
    assert_eq!(sol.method, standoff::solve::Method::Spe);
    // Mixed SPEs too (enumpoly on the whole game): P3's set spans two continua, listed as one
    // verified point each; the pure ones are exactly these.
    let found: Vec<(Vec<Vec<usize>>, Vec<Q>)> =
        sol.equilibria.iter().filter_map(|e| Some((e.behavior.as_pure()?, e.payoffs.clone()))).collect();
    let expected = vec![
        (vec![vec![0], vec![0], vec![1]], vec![q(1), q(1), q(1)]),
        (vec![vec![0], vec![1], vec![1]], vec![q(1), q(1), q(1)]),
        (vec![vec![1], vec![0], vec![0]], vec![q(3), q(3), q(2)]),
    ];
    let set = |v: &[(Vec<Vec<usize>>, Vec<Q>)]| v.iter().cloned().collect::<BTreeSet<_>>();
    assert_eq!(set(&found), set(&expected));
    assert!(sol.notes[0].contains("pure"), "{:?}", sol.notes);
    // Same as the pure equilibria of the reduced form.
    let pure = solve(&t, standoff::solve::Method::Pure);
    let pure: Vec<_> = pure.equilibria.iter().map(|e| (e.behavior.as_pure().unwrap(), e.payoffs.clone())).collect();
    assert_eq!(set(&pure), set(&expected));
    // Beliefs of P3 (nodes in pre-order: after C-d, after D): (D,c,L) reaches only the D node;
    // (C,d,R) only the C-d node; (C,c,R) never reaches P3 (undefined).
    for e in sol.equilibria.iter().filter(|e| e.behavior.as_pure().is_some()) {
        let b = &e.beliefs[2][0];
        match e.behavior.as_pure().unwrap()[..] {
            [ref p1, _, _] if p1[0] == 1 => assert_eq!(b, &Some(vec![q(0), q(1)])),
            [_, ref p2, _] if p2[0] == 1 => assert_eq!(b, &Some(vec![q(1), q(0)])),
            _ => assert_eq!(b, &None),
        }
    }
    // Lemke and LP need two players.
    assert!(solve_tree(&t, standoff::solve::Method::Lemke, &SolveOptions::default()).is_err());
}

const BEER_QUICHE: &str = r#"title = "Beer-quiche"
kind = "tree"
players = ["Sender", "Receiver"]

[nodes.nature]
chance = { Strong = ["9/10", "strong"], Weak = ["1/10", "weak"] }

[nodes.strong]
player = "Sender"
actions = { Beer = "strong_beer", Quiche = "strong_quiche" }

[nodes.strong_beer]
player = "Receiver"
infoset = "after_beer"
actions = { Duel = [1, 0], Dont = [3, 1] }

[nodes.strong_quiche]
player = "Receiver"
infoset = "after_quiche"
actions = { Duel = [0, 0], Dont = [2, 1] }

[nodes.weak]
player = "Sender"
actions = { Beer = "weak_beer", Quiche = "weak_quiche" }

[nodes.weak_beer]
player = "Receiver"
infoset = "after_beer"
actions = { Duel = [0, 1], Dont = [2, 0] }

[nodes.weak_quiche]
player = "Receiver"
infoset = "after_quiche"
actions = { Duel = [1, 1], Dont = [3, 0] }
"#;

#[test]
fn beer_quiche_pooling_equilibria_and_beliefs() {
    // Sender: +1 for the preferred breakfast (strong: beer, weak: quiche), +2 if no duel.
    // Receiver: 1 for duelling a weak or sparing a strong sender. Prior strong = 9/10.
    // The receiver's sets span both types: no proper subgame, so SPE = Nash (enum).
    // Separating fails: if the types separate, the receiver duels the weak one's breakfast and
    // the weak type would rather copy the strong (2 > 1), and vice versa. Both types pool:
    // - on beer: receiver spares (belief 9/10 strong: spare 9/10 > duel 1/10); off path, quiche
    //   must be met by a duel with probability >= 1/2 (else the weak type eats quiche:
    //   1 + 2(1 - d) > 2 iff d < 1/2). Payoffs: 9/10 * 3 + 1/10 * 2 = 29/10 and 9/10.
    // - on quiche: spare after quiche; beer met by a duel with probability >= 1/2 (the strong
    //   type: 1 + 2(1 - d) <= 2). Payoffs: 9/10 * 2 + 1/10 * 3 = 21/10 and 9/10.
    let t = tree(BEER_QUICHE);
    assert_eq!(Subgames::new(&t).num_proper(&t), 0);
    let sol = solve(&t, standoff::solve::Method::Auto);
    assert_eq!(sol.method, standoff::solve::Method::Spe);
    assert_eq!(payoff_set(&sol), [pays(&["29/10", "9/10"]), pays(&["21/10", "9/10"])].into_iter().collect());
    // Extreme equilibria: per pooling outcome, the off-path duel probability is 1/2 or 1.
    assert_eq!(sol.equilibria.len(), 4);
    let nine = Some(vec![frac(9, 10), frac(1, 10)]);
    for e in &sol.equilibria {
        let sender = e.behavior.as_pure().map(|p| p[0].clone()).unwrap_or_else(|| {
            e.behavior.probs[0].iter().map(|h| h.iter().position(|x| *x == q(1)).unwrap()).collect()
        });
        let receiver = &e.behavior.probs[1];
        if e.payoffs[0] == frac(29, 10) {
            assert_eq!(sender, vec![0, 0], "both drink beer");
            assert_eq!(receiver[0], vec![q(0), q(1)], "spare a beer drinker");
            assert!(receiver[1][0] >= frac(1, 2), "duel a quiche eater with probability >= 1/2");
            // On path: the prior. Off path (quiche): undefined.
            assert_eq!(e.beliefs[1], vec![nine.clone(), None]);
        } else {
            assert_eq!(sender, vec![1, 1], "both eat quiche");
            assert_eq!(receiver[1], vec![q(0), q(1)]);
            assert!(receiver[0][0] >= frac(1, 2));
            assert_eq!(e.beliefs[1], vec![None, nine.clone()]);
        }
        // The sender's own sets are singletons: belief 1 where reached.
        assert_eq!(e.beliefs[0], vec![Some(vec![q(1)]), Some(vec![q(1)])]);
    }
    // Lemke finds one of them.
    let l = solve(&t, standoff::solve::Method::Lemke);
    assert!(payoff_set(&sol).is_superset(&payoff_set(&l)));
}

/// P1 stays Out (1/2, 0, 0) or enters a simultaneous three-player game ("cyclic pennies": each
/// player's payoff depends on its own action and one other's). With x, y, z the probabilities of
/// H for P1, P2, P3:
///   P1 (matches P2): H pays 2y, T pays 1−y          ⇒ indifferent iff y = 1/3;
///   P2 (mismatches P3): H pays 3(1−z), T pays z      ⇒ indifferent iff z = 3/4;
///   P3 (matches P1): H pays x, T pays 4(1−x)         ⇒ indifferent iff x = 4/5.
/// Each best response to a pure action is strict and pure (P1 copies P2, P2 avoids P3, P3 copies
/// P1), so a pure player makes the next in the cycle pure and no pure profile closes the cycle:
/// the subgame's only equilibrium is x = 4/5, y = 1/3, z = 3/4, paying (2/3, 3/4, 4/5). P1
/// enters (2/3 > 1/2): the tree's only SPE, exact.
const CYCLIC: &str = r#"title = "Entry into cyclic pennies"
kind = "tree"
players = ["P1", "P2", "P3"]

[nodes.root]
player = "P1"
actions = { Out = ["1/2", 0, 0], In = "p1" }

[nodes.p1]
player = "P1"
actions = { H = "p2_H", T = "p2_T" }

[nodes.p2_H]
player = "P2"
infoset = "p2"
actions = { H = "p3_HH", T = "p3_HT" }

[nodes.p2_T]
player = "P2"
infoset = "p2"
actions = { H = "p3_TH", T = "p3_TT" }

[nodes.p3_HH]
player = "P3"
infoset = "p3"
actions = { H = [2, 0, 1], T = [2, 3, 0] }

[nodes.p3_HT]
player = "P3"
infoset = "p3"
actions = { H = [0, 1, 1], T = [0, 0, 0] }

[nodes.p3_TH]
player = "P3"
infoset = "p3"
actions = { H = [0, 0, 0], T = [0, 3, 4] }

[nodes.p3_TT]
player = "P3"
infoset = "p3"
actions = { H = [1, 1, 0], T = [1, 0, 4] }
"#;

#[test]
fn mixed_spe_of_a_three_player_subgame() {
    let t = tree(CYCLIC);
    let sol = solve(&t, standoff::solve::Method::Spe);
    assert!(sol.exact && sol.complete, "{:?}", sol.notes);
    assert_eq!(sol.equilibria.len(), 1, "{:?}", sol.notes);
    let e = &sol.equilibria[0];
    assert_eq!(e.payoffs, vec![frac(2, 3), frac(3, 4), frac(4, 5)]);
    assert_eq!(e.behavior.probs[0], vec![vec![q(0), q(1)], vec![frac(4, 5), frac(1, 5)]]);
    assert_eq!(e.behavior.probs[1], vec![vec![frac(1, 3), frac(2, 3)]]);
    assert_eq!(e.behavior.probs[2], vec![vec![frac(3, 4), frac(1, 4)]]);
    assert_eq!(verify_spe(&t, &e.behavior).unwrap(), e.payoffs);
    assert_eq!(e.max_regret, None);
}

/// The same entry decision (Out pays 0) before Nau et al.'s 2x2x2 game with a unique, irrational
/// equilibrium (see tests/nplayer.rs: P1's probability of Top is (53 − √601)/46, the root of
/// 23x² − 53x + 24). The SPE is listed as decimals, `exact` false, with its max regret over
/// every subgame computed exactly (positive, below 1e-9 here) and the minimal polynomial in the notes.
const NAU_SUBGAME: &str = r#"title = "Entry into Nau's game"
kind = "tree"
players = ["P1", "P2", "P3"]

[nodes.root]
player = "P1"
actions = { Out = [0, 0, 0], In = "p1" }

[nodes.p1]
player = "P1"
actions = { Top = "p2_T", Bottom = "p2_B" }

[nodes.p2_T]
player = "P2"
infoset = "p2"
actions = { Left = "p3_TL", Right = "p3_TR" }

[nodes.p2_B]
player = "P2"
infoset = "p2"
actions = { Left = "p3_BL", Right = "p3_BR" }

[nodes.p3_TL]
player = "P3"
infoset = "p3"
actions = { One = [3, 0, 2], Two = [1, 0, 0] }

[nodes.p3_TR]
player = "P3"
infoset = "p3"
actions = { One = [0, 2, 0], Two = [0, 1, 0] }

[nodes.p3_BL]
player = "P3"
infoset = "p3"
actions = { One = [0, 1, 0], Two = [0, 3, 0] }

[nodes.p3_BR]
player = "P3"
infoset = "p3"
actions = { One = [1, 0, 0], Two = [2, 0, 3] }
"#;

#[test]
fn irrational_spe_is_certified() {
    let t = tree(NAU_SUBGAME);
    let sol = solve(&t, standoff::solve::Method::Spe);
    assert!(!sol.exact && sol.complete, "{:?}", sol.notes);
    assert_eq!(sol.equilibria.len(), 1, "{:?}", sol.notes);
    let e = &sol.equilibria[0];
    assert_eq!(e.behavior.probs[0][0], vec![q(0), q(1)], "P1 enters");
    let x = (53.0 - 601f64.sqrt()) / 46.0;
    assert!((standoff::num::to_f64(&e.behavior.probs[0][1][0]) - x).abs() < 1e-12);
    let regret = e.max_regret.clone().unwrap();
    assert!(regret > q(0) && regret < frac(1, 1_000_000_000), "{}", fmt_q(&regret));
    let (v, r) = standoff::solve::tree::subgame::spe_regret(&t, &e.behavior).unwrap();
    assert_eq!((v, r), (e.payoffs.clone(), regret));
    assert!(verify_spe(&t, &e.behavior).is_err(), "not an exact SPE");
    assert!(
        sol.notes.iter().any(|n| n.contains("P1's probability of Top is the root of 23x² − 53x + 24")),
        "{:?}",
        sol.notes
    );
}

/// `models/coalition.toml` has perfect information and, at its defaults, no mover is ever
/// indifferent (checked by hand: DPRK after Engage: Freeze −1 vs Hold → China Enforces since
/// 3−2 = 1 beats 0 → DPRK −7, Freeze; China after Pressure: Enforce → DPRK Freezes (−6 beats −7)
/// → China 1−2 = −1 < 0, Shield; US: Engage 5 − 3 + 1/2 = 5/2 beats −2). A mixed SPE needs an indifferent
/// mover, so the pure one is the whole SPE set: (Engage; Freeze, Freeze; Enforce, Shield).
#[test]
fn coalition_spe_set_is_pinned() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models/coalition.toml");
    let src = std::fs::read_to_string(&path).unwrap();
    let t = parse_model("coalition.toml", &src).unwrap().tree(&Settings::default()).unwrap();
    let sol = solve(&t, standoff::solve::Method::Spe);
    assert!(sol.exact && sol.complete);
    assert_eq!(sol.equilibria.len(), 1);
    assert_eq!(sol.equilibria[0].payoffs, vec![frac(5, 2), q(-1), q(1)]);
    assert_eq!(sol.equilibria[0].path, Some(vec!["Engage".to_string(), "Freeze".to_string()]));
    assert!(sol.notes[0].contains("no mover is ever indifferent"), "{:?}", sol.notes);
}

/// Selten's horse as Gambit ships it: no proper subgame, so `spe` solves the whole game with
/// enumpoly. Its pure SPEs are Gambit's `enumpure` answers, (1,1,1) and (3,2,2); the mixed ones
/// form two segments, each with one player mixing, so each support's system is linear and solved
/// exactly: P3 mixing with L at least 3/4 behind (R, R), ends (R,R,L) and (R,R,[R 1/4, L 3/4]), and
/// P2 mixing with R at least 1/3 behind (L, ., R), ends (L,R,R) and (L,[R 1/3, L 2/3],R) — the two
/// components of Selten's analysis (P3's threat; P2's indifference once P3 plays R). Every vertex
/// is verified as an SPE below; the answer is complete, with a note for each segment.
#[test]
fn seltens_horse_from_gambit() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/reference/games/catalog_journals_ijgt_selten1975_fig1.efg");
    let t = standoff::model::parse_efg("horse", &std::fs::read_to_string(&path).unwrap()).unwrap();
    let sol = solve(&t, standoff::solve::Method::Spe);
    let pure: BTreeSet<Vec<String>> = sol
        .equilibria
        .iter()
        .filter(|e| e.behavior.as_pure().is_some())
        .map(|e| e.payoffs.iter().map(fmt_q).collect())
        .collect();
    assert_eq!(pure, [pays(&["1", "1", "1"]), pays(&["3", "2", "2"])].into_iter().collect());
    assert!(sol.exact && sol.complete, "{:?}", sol.notes);
    assert_eq!(sol.equilibria.len(), 4);
    let mixed: BTreeSet<String> = sol
        .equilibria
        .iter()
        .filter(|e| e.behavior.as_pure().is_none())
        .map(|e| e.payoffs.iter().map(fmt_q).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(mixed, ["1,1,1".to_string(), "3,2,2".to_string()].into_iter().collect());
    let segments: Vec<&String> = sol.notes.iter().filter(|n| n.contains("convex set of dimension 1")).collect();
    assert_eq!(segments.len(), 2, "{:?}", sol.notes);
    assert!(segments.iter().all(|n| n.contains("spanned by 2 of its equilibria")), "{:?}", sol.notes);
    for e in &sol.equilibria {
        assert_eq!(verify_spe(&t, &e.behavior).unwrap(), e.payoffs);
    }
}

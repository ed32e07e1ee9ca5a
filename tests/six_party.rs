//! The six-party model (`models/six_party.toml`): the findings its description states.

use standoff::model::{load, Settings};
use standoff::num::parse_q;
use standoff::solve::logit::qre_at;
use standoff::solve::{solve, SolveOptions};
use standoff::NormalForm;
use std::collections::BTreeSet;
use std::path::Path;

fn game(scenario: Option<&str>, set: &[(&str, &str)]) -> NormalForm {
    let settings = Settings {
        scenario: scenario.map(str::to_string),
        set: set.iter().map(|(k, v)| (k.to_string(), parse_q(v).unwrap())).collect(),
    };
    load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("models/six_party.toml"), &settings).unwrap().game
}

/// Pure equilibria as strategy labels (US, DPRK, China, SouthKorea, Japan, Russia).
fn pure(g: &NormalForm) -> BTreeSet<Vec<String>> {
    let sol = solve(g, standoff::solve::Method::Pure, &SolveOptions::default()).unwrap();
    sol.equilibria
        .iter()
        .map(|e| {
            let p = e.profile.as_pure().unwrap();
            p.iter().enumerate().map(|(i, &s)| g.players()[i].strategies[s].clone()).collect()
        })
        .collect()
}

fn profiles(list: &[&str]) -> BTreeSet<Vec<String>> {
    list.iter().map(|s| s.split(' ').map(str::to_string).collect()).collect()
}

const STATUS_QUO: &str = "Wait Hold Shield Engage Sanction Shield";

#[test]
fn baseline_has_the_status_quo_and_a_freeze_deal_enforced_by_china_seoul_and_tokyo() {
    assert_eq!(
        pure(&game(None, &[])),
        profiles(&[
            STATUS_QUO,
            "Engage Freeze Enforce Enforce Sanction Enforce",
            "Engage Freeze Enforce Enforce Sanction Shield",
        ])
    );
}

#[test]
fn which_coalitions_make_a_freeze_an_equilibrium() {
    // China gains nothing from enforcing: the others' weight (at most 2) is short of the 2.5 needed.
    assert_eq!(pure(&game(Some("china_shields"), &[])), profiles(&[STATUS_QUO]));
    // ... unless South Korea's enforcement weighs 2: a freeze enforced without China.
    assert_eq!(
        pure(&game(Some("seoul_steps_up"), &[])),
        profiles(&[
            STATUS_QUO,
            "Engage Freeze Shield Enforce Sanction Enforce",
            "Engage Freeze Shield Enforce Sanction Shield",
        ])
    );
    // Weak sanctions need weight 5: all four enforcers, Russia included.
    assert_eq!(
        pure(&game(Some("weak_sanctions"), &[])),
        profiles(&[STATUS_QUO, "Engage Freeze Enforce Enforce Sanction Enforce"])
    );
}

#[test]
fn qre_play_moves_to_the_freeze_as_pressure_rises() {
    // P(DPRK freezes) at λ = 1 rises with pressure, from near 0 to near 1.
    let mut last = -1.0;
    let mut freeze = Vec::new();
    for p in ["0", "1", "2", "3", "7/2", "4", "8"] {
        let pt = qre_at(&game(None, &[("pressure", p)]), &[1.0]).unwrap().remove(0);
        let f = pt.profile[1][0];
        assert!(f > last, "pressure {p}: {f} after {last}");
        last = f;
        freeze.push(f);
    }
    assert!((freeze[2] - 0.0068).abs() < 5e-5, "{freeze:?}");
    assert!((freeze[5] - 0.9988).abs() < 5e-5, "{freeze:?}");
}

#[test]
fn the_logit_limit_switches_from_the_status_quo_to_the_freeze_deal() {
    let opts = SolveOptions::default();
    for (p, freezes) in
        [("0", false), ("1", false), ("2", false), ("3", false), ("7/2", true), ("4", true), ("8", true)]
    {
        let g = game(None, &[("pressure", p)]);
        let sol = solve(&g, standoff::solve::Method::Logit, &opts).unwrap();
        assert!(sol.exact, "pressure {p}");
        let eq = &sol.equilibria[0].profile;
        assert_eq!(g.max_regret(eq), standoff::Q::from_integer(0.into()));
        // The DPRK plays purely; Russia, indifferent in a freeze, may mix.
        let dprk_freezes = eq.probs[1][0] == standoff::Q::from_integer(1.into());
        let dprk_holds = eq.probs[1][1] == standoff::Q::from_integer(1.into());
        assert!(dprk_freezes || dprk_holds, "pressure {p}: {eq:?}");
        assert_eq!(dprk_freezes, freezes, "pressure {p}: {eq:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// The README's "Findings: the six-party model", figure by figure
// ---------------------------------------------------------------------------------------------

/// Pure equilibria with their exact payoffs (US, DPRK, China, SouthKorea, Japan, Russia).
fn pure_with_payoffs(g: &NormalForm) -> BTreeSet<(Vec<String>, Vec<standoff::Q>)> {
    let sol = solve(g, standoff::solve::Method::Pure, &SolveOptions::default()).unwrap();
    sol.equilibria
        .iter()
        .map(|e| {
            let p = e.profile.as_pure().unwrap();
            let labels = p.iter().enumerate().map(|(i, &s)| g.players()[i].strategies[s].clone()).collect();
            (labels, e.payoffs.clone())
        })
        .collect()
}

fn qs(list: &[&str]) -> Vec<standoff::Q> {
    list.iter().map(|s| parse_q(s).unwrap()).collect()
}

/// The freeze deal leaves the DPRK at −4, below the status quo's 0, yet holding out against China,
/// South Korea and Japan (weight 9/2) at pressure 2 would leave it 1 − 9 = −8 (the up-front
/// quarter of the aid, 1, minus 2 · 9/2).
#[test]
fn readme_baseline_payoffs() {
    let eqs = pure_with_payoffs(&game(None, &[]));
    let deal = qs(&["5/2", "-4", "7/2", "7/2", "5/2", "1/2"]);
    let expected: BTreeSet<_> = [
        (STATUS_QUO, qs(&["0", "0", "0", "1", "1/2", "1/2"])),
        ("Engage Freeze Enforce Enforce Sanction Enforce", deal.clone()),
        ("Engage Freeze Enforce Enforce Sanction Shield", deal),
    ]
    .into_iter()
    .map(|(p, v)| (p.split(' ').map(str::to_string).collect::<Vec<_>>(), v))
    .collect();
    assert_eq!(eqs, expected);
    // Holding out instead, the others fixed at the deal: 1 − 2·(3 + 1 + 1/2) = −8.
    let g = game(None, &[]);
    assert_eq!(g.payoff(&[0, 1, 0, 0, 0, 1], 1), &parse_q("-8").unwrap());
}

/// The freeze needs pressure · W ≥ 5: with all four enforcers (W = 5) from pressure 1, without
/// Russia (W = 9/2) from pressure 10/9. Exact solves on either side of each boundary, and the
/// `thresholds` command's candidates.
#[test]
fn readme_pressure_thresholds_are_one_and_ten_ninths() {
    let freeze_all = "Engage Freeze Enforce Enforce Sanction Enforce";
    let freeze_no_russia = "Engage Freeze Enforce Enforce Sanction Shield";
    assert_eq!(pure(&game(None, &[("pressure", "99/100")])), profiles(&[STATUS_QUO]));
    assert_eq!(pure(&game(None, &[("pressure", "1")])), profiles(&[STATUS_QUO, freeze_all]));
    assert_eq!(pure(&game(None, &[("pressure", "11/10")])), profiles(&[STATUS_QUO, freeze_all]));
    assert_eq!(pure(&game(None, &[("pressure", "10/9")])), profiles(&[STATUS_QUO, freeze_all, freeze_no_russia]));
    let t = thresholds_of("pressure", "0", "10");
    assert_eq!(t, [parse_q("1").unwrap(), parse_q("10/9").unwrap()]);
}

/// China keeps sanctions on a frozen DPRK once its credibility gain covers the monitoring cost
/// (1 + c − 1/2 ≥ 1, i.e. c ≥ 1/2); below, no freeze at all.
#[test]
fn readme_china_credibility_threshold_is_one_half() {
    assert_eq!(pure(&game(None, &[("china_credibility", "49/100")])), profiles(&[STATUS_QUO]));
    assert_eq!(pure(&game(None, &[("china_credibility", "1/2")])).len(), 3);
    assert_eq!(thresholds_of("china_credibility", "0", "6"), [parse_q("1/2").unwrap()]);
}

/// The boundaries of `standoff thresholds models/six_party.toml --param NAME=START:STOP` (default
/// 101 steps, method auto), which must be exact: the payoffs are affine in these parameters and
/// auto's regimes between the candidates are sets of pure equilibria (it bisected before).
fn thresholds_of(name: &str, start: &str, stop: &str) -> Vec<standoff::Q> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/six_party.toml");
    let m = standoff::model::Model::parse("six_party.toml", &std::fs::read_to_string(path).unwrap()).unwrap();
    let i = m.parameter_index(name).unwrap();
    let t = standoff::analysis::thresholds::thresholds(
        &m,
        &m.default_values(),
        i,
        &parse_q(start).unwrap(),
        &parse_q(stop).unwrap(),
        101,
        standoff::Method::Auto,
    )
    .unwrap();
    assert!(t.exact, "{:?}", t.notes);
    assert!(t.boundaries.iter().all(|b| b.exact && b.tolerance.is_none()), "{:#?}", t.boundaries);
    t.boundaries.iter().map(|b| b.value.clone()).collect()
}

/// The README's table of logit QRE play at λ = 1 (to the 4 decimals `standoff qre` prints), and
/// Japan's closed form: sanctioning is worth exactly 1/2 more to Japan whatever the others do
/// (japan_domestic − monitor_cost against a freeze, japan_domestic − japan_enforce_cost against a
/// hold), so its logit response at λ = 1 is 1/(1 + e^(−1/2)) at every pressure.
#[test]
fn readme_qre_table_at_lambda_one() {
    let japan = 1.0 / (1.0 + (-0.5f64).exp());
    // pressure, P(DPRK Freeze), P(US Engage), P(China Enforce)
    for (p, freeze, engage, enforce) in [
        ("2", 0.0068, 0.1749, 0.1877),
        ("3", 0.0252, 0.1796, 0.1941),
        ("7/2", 0.9934, 0.5437, 0.7542),
        ("4", 0.9988, 0.5460, 0.7570),
    ] {
        let pt = qre_at(&game(None, &[("pressure", p)]), &[1.0]).unwrap().remove(0);
        let got = [pt.profile[1][0], pt.profile[0][0], pt.profile[2][0]];
        for (g, want) in got.iter().zip([freeze, engage, enforce]) {
            assert!((g - want).abs() < 5e-5, "pressure {p}: {got:?}");
        }
        assert!((pt.profile[4][0] - japan).abs() < 1e-9, "pressure {p}: Japan {}", pt.profile[4][0]);
    }
    assert!((japan - 0.6225).abs() < 5e-5);
}

/// The README: at pressure 7/2 the logit limit is the freeze deal with Russia mixing half and half.
#[test]
fn readme_logit_limit_at_seven_halves_has_russia_mixing_evenly() {
    let g = game(None, &[("pressure", "7/2")]);
    let sol = solve(&g, standoff::solve::Method::Logit, &SolveOptions::default()).unwrap();
    assert!(sol.exact);
    let eq = &sol.equilibria[0].profile;
    assert_eq!(eq.probs[5], qs(&["1/2", "1/2"]));
    assert_eq!(sol.equilibria[0].payoffs, qs(&["5/2", "-4", "7/2", "7/2", "5/2", "1/2"]));
}

/// Regression (issue 12, polish4): `standoff thresholds models/six_party.toml --scenario
/// china_shields --param sk_enforcement=0:6` printed a spurious boundary ≈ 1.500000499 next to
/// 3/2. Without China the freeze needs pressure · W ≥ 5 with W = sk_enforcement + 1/2 (Japan) plus
/// (1/2)·P(Russia enforces): just above 3/2 Russia may shield with any probability up to
/// 2·sk_enforcement − 3, a segment of equilibria from the pure freeze to that mixed end. enumpoly
/// reported the segment by one float-polished point, which rounded onto the pure end while the
/// segment was shorter than 1e-6, so the regime changed a hair above 3/2. Now the segment is
/// described exactly by its two vertices, and the one boundary is at 3/2.
#[test]
fn china_shields_sk_enforcement_has_one_boundary_at_three_halves() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/six_party.toml");
    let m = standoff::model::Model::parse("six_party.toml", &std::fs::read_to_string(path).unwrap()).unwrap();
    let settings = Settings { scenario: Some("china_shields".into()), set: Vec::new() };
    let base = m.values(&settings).unwrap();
    let i = m.parameter_index("sk_enforcement").unwrap();
    let (start, stop) = (parse_q("1").unwrap(), parse_q("7/4").unwrap());
    let t = standoff::analysis::thresholds::thresholds(&m, &base, i, &start, &stop, 4, standoff::Method::Auto).unwrap();
    let values: Vec<_> = t.boundaries.iter().map(|b| b.value.clone()).collect();
    assert_eq!(values, [parse_q("3/2").unwrap()], "{:#?}", t.boundaries);
    let right = t.boundaries[0].right.as_deref().unwrap();
    assert!(right.contains("mixed(Engage/Freeze/Shield/Enforce/Sanction/Enforce+Shield)"), "{right}");

    // A hair above 3/2 the mixed end is listed exactly: Russia shields with probability 2·10⁻⁹.
    let g = game(Some("china_shields"), &[("sk_enforcement", "1500000001/1000000000")]);
    let sol = solve(&g, standoff::solve::Method::EnumPoly, &SolveOptions::default()).unwrap();
    assert!(sol.complete && sol.exact, "{:?}", sol.notes);
    let shield = parse_q("1/500000000").unwrap();
    assert!(sol.equilibria.iter().any(|e| e.profile.probs[5][1] == shield), "{:?}", sol.equilibria);
    assert!(sol.notes.iter().any(|n| n.contains("convex set of dimension 1")), "{:?}", sol.notes);
}

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

//! All pure-strategy equilibria, any number of players.
//!
//! Every pure profile is visited in Gambit order (player 1's strategy fastest). A profile is an
//! equilibrium when no player gains by a unilateral deviation; deviations are found by moving
//! along the player's stride in the flat payoff tensor, so no profile vector is rebuilt per step.
use super::Method;
use super::{Equilibrium, Solution, SolveOptions, Solver};
use crate::error::{Error, Result};
use crate::game::{MixedProfile, NormalForm};

/// Enumerates every pure profile.
pub struct PureEnumeration;

/// The largest number of pure profiles [`PureEnumeration`] will visit.
pub const MAX_PURE_PROFILES: usize = 20_000_000;

impl Solver for PureEnumeration {
    fn method(&self) -> Method {
        Method::Pure
    }
    fn description(&self) -> &'static str {
        "all pure-strategy equilibria (any number of players)"
    }
    fn supports(&self, game: &NormalForm) -> Result<()> {
        check_size(game.num_profiles(), &game.shape())
    }
    fn run(&self, game: &NormalForm, _options: &SolveOptions) -> Result<Solution> {
        self.supports(game)?;
        let found = pure_equilibria(game);
        let equilibria: Vec<Equilibrium> = found
            .into_iter()
            .map(|idx| {
                let profile = game.profile_at(idx);
                Equilibrium { profile: MixedProfile::pure(game, &profile), payoffs: game.payoffs_at(idx).to_vec() }
            })
            .collect();
        let mut notes = Vec::new();
        match equilibria.len() {
            0 => notes.push("no pure equilibrium".to_string()),
            1 => notes.push("exactly one pure equilibrium".to_string()),
            k => notes.push(format!("{k} pure equilibria")),
        }
        Ok(Solution { method: Method::Pure, exact: true, complete: true, equilibria, components: Vec::new(), notes })
    }
}

fn check_size(profiles: usize, shape: &[usize]) -> Result<()> {
    if profiles > MAX_PURE_PROFILES {
        return Err(Error::TooLarge(format!(
            "method `pure`: the game has {profiles} pure profiles (strategies per player {shape:?}), more than the \
             limit of {MAX_PURE_PROFILES}; remove dominated strategies first or solve a smaller model"
        )));
    }
    Ok(())
}

/// Flat indices (Gambit order) of all pure equilibria of `game`.
pub fn pure_equilibria(game: &NormalForm) -> Vec<usize> {
    let n = game.num_players();
    let shape = game.shape();
    let strides: Vec<usize> = (0..n).map(|i| game.stride(i)).collect();
    let mut digits = vec![0usize; n];
    let mut out = Vec::new();
    for idx in 0..game.num_profiles() {
        let here = game.payoffs_at(idx);
        let stable = (0..n).all(|i| {
            let base = idx - digits[i] * strides[i];
            let u = &here[i];
            (0..shape[i]).all(|t| t == digits[i] || game.payoffs_at(base + t * strides[i])[i] <= *u)
        });
        if stable {
            out.push(idx);
        }
        // Advance the mixed-radix counter (player 1 fastest).
        for (d, &k) in digits.iter_mut().zip(&shape) {
            *d += 1;
            if *d < k {
                break;
            }
            *d = 0;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::Player;
    use crate::num::{q, Q};
    use crate::solve::solve;

    fn two_by_two(a: [[i64; 2]; 2], b: [[i64; 2]; 2]) -> NormalForm {
        let s = || vec!["a".to_string(), "b".to_string()];
        let players = vec![Player { name: "1".into(), strategies: s() }, Player { name: "2".into(), strategies: s() }];
        NormalForm::new("t", players, |p| vec![q(a[p[0]][p[1]]), q(b[p[0]][p[1]])]).unwrap()
    }

    fn pure_profiles(g: &NormalForm) -> Vec<Vec<usize>> {
        let sol = solve(g, crate::solve::Method::Pure, &SolveOptions::default()).unwrap();
        assert_eq!(sol.method, Method::Pure);
        assert!(sol.exact && sol.complete);
        sol.equilibria.iter().map(|e| e.profile.as_pure().unwrap()).collect()
    }

    #[test]
    fn prisoners_dilemma() {
        let g = two_by_two([[3, 0], [5, 1]], [[3, 5], [0, 1]]);
        assert_eq!(pure_profiles(&g), vec![vec![1, 1]]);
        let sol = solve(&g, crate::solve::Method::Pure, &SolveOptions::default()).unwrap();
        assert_eq!(sol.equilibria[0].payoffs, vec![q(1), q(1)]);
    }

    #[test]
    fn chicken_in_gambit_order() {
        let g = two_by_two([[6, 2], [7, 0]], [[6, 7], [2, 0]]);
        // (Straight, Swerve) has index 1, (Swerve, Straight) index 2.
        assert_eq!(pure_profiles(&g), vec![vec![1, 0], vec![0, 1]]);
    }

    #[test]
    fn matching_pennies_has_none() {
        let g = two_by_two([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]);
        let sol = solve(&g, crate::solve::Method::Pure, &SolveOptions::default()).unwrap();
        assert!(sol.equilibria.is_empty());
        assert_eq!(sol.notes, vec!["no pure equilibrium".to_string()]);
    }

    #[test]
    fn three_player_reference_game() {
        // contrib_games_2x2x2.nfg (McKelvey-McLennan); Gambit's enumpure finds 4 equilibria.
        let s = || vec!["1".to_string(), "2".to_string()];
        let players = (1..=3).map(|i| Player { name: format!("Player {i}"), strategies: s() }).collect();
        let flat = [9, 8, 12, 0, 0, 0, 0, 0, 0, 9, 8, 2, 0, 0, 0, 3, 4, 6, 3, 4, 6, 0, 0, 0];
        let g = NormalForm::from_flat("2x2x2", players, flat.iter().map(|&x| q(x)).collect()).unwrap();
        let sol = solve(&g, crate::solve::Method::Pure, &SolveOptions::default()).unwrap();
        let got: Vec<(Vec<usize>, Vec<Q>)> =
            sol.equilibria.iter().map(|e| (e.profile.as_pure().unwrap(), e.payoffs.clone())).collect();
        assert_eq!(
            got,
            vec![
                (vec![0, 0, 0], vec![q(9), q(8), q(12)]),
                (vec![1, 1, 0], vec![q(9), q(8), q(2)]),
                (vec![1, 0, 1], vec![q(3), q(4), q(6)]),
                (vec![0, 1, 1], vec![q(3), q(4), q(6)]),
            ]
        );
    }

    #[test]
    fn ties_make_every_profile_an_equilibrium() {
        let players = vec![
            Player { name: "A".into(), strategies: vec!["x".into(), "y".into(), "z".into()] },
            Player { name: "B".into(), strategies: vec!["u".into(), "v".into()] },
        ];
        let g = NormalForm::new("zero", players, |_| vec![q(0), q(0)]).unwrap();
        let got = pure_profiles(&g);
        assert_eq!(got.len(), 6);
        assert_eq!(got, g.profiles().collect::<Vec<_>>());
    }

    #[test]
    fn one_player_game_picks_maxima() {
        let players = vec![Player { name: "A".into(), strategies: vec!["x".into(), "y".into(), "z".into()] }];
        let g = NormalForm::from_flat("solo", players, vec![q(2), q(5), q(5)]).unwrap();
        assert_eq!(pure_profiles(&g), vec![vec![1], vec![2]]);
    }

    #[test]
    fn refuses_huge_games() {
        assert!(check_size(MAX_PURE_PROFILES, &[5000, 4000]).is_ok());
        match check_size(20_005_000, &[5000, 4001]) {
            Err(Error::TooLarge(m)) => assert!(m.contains("20005000") && m.contains("dominated"), "{m}"),
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }
}

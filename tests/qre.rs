//! Following the logit QRE branch through folds (λ turning back) and past near-crossings with
//! other branches, without jumping.

use standoff::model::{load, Settings};
use standoff::num::parse_q;
use standoff::solve::logit::{branch, qre_at, QrePoint};
use standoff::NormalForm;
use std::path::Path;

fn load_game(rel: &str, set: &[(&str, &str)]) -> NormalForm {
    let settings =
        Settings { scenario: None, set: set.iter().map(|(k, v)| (k.to_string(), parse_q(v).unwrap())).collect() };
    load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(rel), &settings).unwrap().game
}

/// The largest violation of the logit fixed-point equations p_ij = exp(λ V_ij) / Σ_k exp(λ V_ik)
/// at `pt`, computed directly from the game's payoffs.
fn residual(g: &NormalForm, pt: &QrePoint) -> f64 {
    let shape = g.shape();
    let n = shape.len();
    let mut worst: f64 = 0.0;
    for i in 0..n {
        let mut v = vec![0.0; shape[i]];
        let mut idx = vec![0usize; n];
        loop {
            let w: f64 = (0..n).filter(|&k| k != i).map(|k| pt.profile[k][idx[k]]).product();
            v[idx[i]] += w * standoff::num::to_f64(g.payoff(&idx, i));
            let mut k = 0;
            while k < n {
                idx[k] += 1;
                if idx[k] < shape[k] {
                    break;
                }
                idx[k] = 0;
                k += 1;
            }
            if k == n {
                break;
            }
        }
        let top = v.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let z: f64 = v.iter().map(|x| (pt.lambda * (x - top)).exp()).sum();
        for (pij, vj) in pt.profile[i].iter().zip(&v) {
            worst = worst.max((pij - (pt.lambda * (vj - top)).exp() / z).abs());
        }
    }
    worst
}

/// `tests/data/qre_fold.nfg`: three symmetric players choose A or B; B pays 0, A pays
/// d_k = 397, −163, 77 when k = 0, 1, 2 of the others play A. By symmetry the principal branch
/// is p = q = r, and with D(p) = 397(1−p)² − 326 p(1−p) + 77 p² = 8(p − 0.7)² + 0.05 (times 100)
/// it is the curve λ = ln(p/(1−p)) / D(p), p from 1/2 up to 1. A scan of that formula in steps of
/// 1e-5 in p finds λ rising to 0.177712 at p ≈ 0.7174, falling back to 0.053532 at p ≈ 0.9511,
/// then rising for ever: two folds, and λ in (0.0535, 0.1777) is crossed three times.
#[test]
fn the_tracer_follows_a_fold_in_the_principal_branch() {
    let g = load_game("tests/data/qre_fold.nfg", &[]);
    let path = branch(&g, 1.0).unwrap();
    for pt in &path {
        assert!(residual(&g, pt) < 1e-10, "{pt:?}: residual {}", residual(&g, pt));
        let p = pt.profile[0][0];
        assert!((pt.profile[1][0] - p).abs() < 1e-9 && (pt.profile[2][0] - p).abs() < 1e-9, "{pt:?}");
        // On the symmetric curve: λ D(p) = ln(p/(1−p)).
        let d = 397.0 * (1.0 - p) * (1.0 - p) - 326.0 * p * (1.0 - p) + 77.0 * p * p;
        // (ln(p/(1−p)) from p loses digits as p nears 1.)
        if p < 1.0 - 1e-6 {
            assert!((pt.lambda * d - (p / (1.0 - p)).ln()).abs() < 1e-8, "{pt:?}");
        }
    }
    // Continuity: p never jumps, and λ is not monotone: up to the first fold, back down to the
    // second, then up again.
    for w in path.windows(2) {
        assert!((w[1].profile[0][0] - w[0].profile[0][0]).abs() < 0.05, "jump {:?} -> {:?}", w[0], w[1]);
    }
    let lambdas: Vec<f64> = path.iter().map(|p| p.lambda).collect();
    let turns: Vec<usize> = (1..lambdas.len() - 1)
        .filter(|&k| (lambdas[k] - lambdas[k - 1]) * (lambdas[k + 1] - lambdas[k]) < 0.0)
        .collect();
    assert_eq!(turns.len(), 2, "{lambdas:?}");
    let (top, bottom) = (&path[turns[0]], &path[turns[1]]);
    assert!((top.lambda - 0.177712).abs() < 2e-3 && (top.profile[0][0] - 0.7174).abs() < 0.02, "{top:?}");
    assert!((bottom.lambda - 0.053532).abs() < 2e-3 && (bottom.profile[0][0] - 0.9511).abs() < 0.02, "{bottom:?}");
    assert!(path.last().unwrap().profile[0][0] > 0.999);
    // `qre_at` gives the first crossing: at λ = 0.1, the point below the first fold.
    let first = qre_at(&g, &[0.1, 0.5]).unwrap();
    assert!(first[0].profile[0][0] < 0.7174, "{:?}", first[0]);
    assert!(first[1].profile[0][0] > 0.9511, "{:?}", first[1]);
    for pt in &first {
        assert!(residual(&g, pt) < 1e-10);
    }
}

/// `models/six_party.toml` near pressure 3.08: another branch of QRE passes close to the
/// principal one at λ ≈ 0.72, where the principal branch turns sharply from DPRK Freeze ≈ 0.59
/// down to ≈ 0.03 (a near-crossing: the principal branch is connected to the freeze deal above
/// pressure ≈ 3.081 and to the status quo below). A tracer taking long steps jumped onto the other
/// branch and reported Freeze ≈ 0.606 at λ = 1 (a QRE, but not on the principal branch). A fine
/// arc-length trace (step 0.01, no turns in λ) and pygambit 16.7.0's `logit_solve_lambda(game,
/// lam=[1.0])` (on `standoff convert ... --to nfg --set pressure=P`) give DPRK Freeze at λ = 1:
/// 0.028068 (P = 3.078), 0.028147 (3.08), 0.970265 (3.082), 0.970617 (3.085).
#[test]
fn six_party_qre_near_pressure_3_08_agrees_with_gambit() {
    for (p, gambit) in [("3.078", 0.028068), ("3.08", 0.028147), ("3.082", 0.970265), ("3.085", 0.970617)] {
        let g = load_game("models/six_party.toml", &[("pressure", p)]);
        let pt = qre_at(&g, &[1.0]).unwrap().remove(0);
        assert!((pt.profile[1][0] - gambit).abs() < 2e-6, "pressure {p}: {:?}", pt.profile[1]);
        assert!(residual(&g, &pt) < 1e-10, "pressure {p}");
    }
}

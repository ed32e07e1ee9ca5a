//! Following the logit QRE branch through folds (λ turning back) and past near-crossings with
//! other branches, without jumping.

use standoff::model::{load, Settings};
use standoff::num::parse_q;
use standoff::solve::logit::{branch, fit_lambda, qre_at, QrePoint};
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

/// An independent check of the logit QRE at λ = 1 on `six_party` near pressure 3.08, written
/// apart from `src/solve/logit.rs`: other unknowns (the probabilities p themselves and λ in
/// payoff units, not ln p and a scaled λ), other equations (F(p, λ) = p − σ(λ V(p)), σ the
/// players' softmax), its own Gaussian elimination, and a **fixed** step of 1e-3 in arc length
/// (no step control to get wrong), Euler predictor and Newton corrector to 1e-13.
mod independent {
    use standoff::NormalForm;

    /// Payoffs as floats, and the strategies' offsets in the flat profile.
    pub struct Dense {
        pub shape: Vec<usize>,
        pub offsets: Vec<usize>,
        pub total: usize,
        /// `(pure profile, payoff of each player)` for every pure profile.
        cells: Vec<(Vec<usize>, Vec<f64>)>,
    }

    impl Dense {
        pub fn new(g: &NormalForm) -> Dense {
            let shape = g.shape();
            let n = shape.len();
            let offsets: Vec<usize> = shape
                .iter()
                .scan(0, |s, &m| {
                    let o = *s;
                    *s += m;
                    Some(o)
                })
                .collect();
            let mut cells = Vec::new();
            let mut idx = vec![0usize; n];
            'all: loop {
                cells.push((idx.clone(), (0..n).map(|i| standoff::num::to_f64(g.payoff(&idx, i))).collect()));
                for k in 0..n {
                    idx[k] += 1;
                    if idx[k] < shape[k] {
                        continue 'all;
                    }
                    idx[k] = 0;
                }
                break;
            }
            Dense { total: shape.iter().sum(), shape, offsets, cells }
        }

        /// F(x) (t entries) and its Jacobian (t rows, t + 1 columns) at x = (p, λ).
        pub fn system(&self, x: &[f64]) -> (Vec<f64>, Vec<Vec<f64>>) {
            let (n, t) = (self.shape.len(), self.total);
            let lambda = x[t];
            // v[a]: value of strategy a (flat) to its player; dv[a][b]: its derivative in p_b.
            let mut v = vec![0.0; t];
            let mut dv = vec![vec![0.0; t]; t];
            for (s, u) in &self.cells {
                for i in 0..n {
                    let a = self.offsets[i] + s[i];
                    let others: f64 = (0..n).filter(|&k| k != i).map(|k| x[self.offsets[k] + s[k]]).product();
                    v[a] += u[i] * others;
                    for k in (0..n).filter(|&k| k != i) {
                        let rest: f64 =
                            (0..n).filter(|&m| m != i && m != k).map(|m| x[self.offsets[m] + s[m]]).product();
                        dv[a][self.offsets[k] + s[k]] += u[i] * rest;
                    }
                }
            }
            let mut f = vec![0.0; t];
            let mut jac = vec![vec![0.0; t + 1]; t];
            for i in 0..n {
                let (o, m) = (self.offsets[i], self.shape[i]);
                let top = (o..o + m).map(|a| lambda * v[a]).fold(f64::NEG_INFINITY, f64::max);
                let e: Vec<f64> = (o..o + m).map(|a| (lambda * v[a] - top).exp()).collect();
                let z: f64 = e.iter().sum();
                let sigma: Vec<f64> = e.iter().map(|w| w / z).collect();
                let mean_v: f64 = (0..m).map(|j| sigma[j] * v[o + j]).sum();
                for j in 0..m {
                    let a = o + j;
                    f[a] = x[a] - sigma[j];
                    jac[a][a] += 1.0;
                    for b in 0..t {
                        let mean_d: f64 = (0..m).map(|l| sigma[l] * dv[o + l][b]).sum();
                        jac[a][b] -= lambda * sigma[j] * (dv[a][b] - mean_d);
                    }
                    jac[a][t] = -sigma[j] * (v[a] - mean_v);
                }
            }
            (f, jac)
        }
    }

    /// Solves the square system `a z = b` by Gaussian elimination with partial pivoting, and
    /// returns z and the sign of det a.
    pub fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> (Vec<f64>, f64) {
        let d = b.len();
        let mut sign = 1.0;
        for c in 0..d {
            let piv = (c..d).max_by(|&r, &s| a[r][c].abs().total_cmp(&a[s][c].abs())).unwrap();
            assert!(a[piv][c].abs() > 1e-300, "singular system");
            if piv != c {
                a.swap(piv, c);
                b.swap(piv, c);
                sign = -sign;
            }
            if a[c][c] < 0.0 {
                sign = -sign;
            }
            let (top, below) = a.split_at_mut(c + 1);
            let pivot_row = &top[c];
            for (r, row) in below.iter_mut().enumerate() {
                let k = row[c] / pivot_row[c];
                for (x, p) in row[c..].iter_mut().zip(&pivot_row[c..]) {
                    *x -= k * p;
                }
                b[c + 1 + r] -= k * b[c];
            }
        }
        let mut z = vec![0.0; d];
        for r in (0..d).rev() {
            z[r] = (b[r] - (r + 1..d).map(|c| a[r][c] * z[c]).sum::<f64>()) / a[r][r];
        }
        (z, sign)
    }

    fn norm(v: &[f64]) -> f64 {
        v.iter().map(|x| x * x).sum::<f64>().sqrt()
    }

    /// The unit tangent of the solution curve at x, on the side of `previous`.
    pub fn tangent(g: &Dense, x: &[f64], previous: &[f64]) -> Vec<f64> {
        let (_, mut jac) = g.system(x);
        jac.push(previous.to_vec());
        let mut rhs = vec![0.0; g.total + 1];
        rhs[g.total] = 1.0;
        let (z, _) = solve(jac, rhs);
        let len = norm(&z) * if z.iter().zip(previous).map(|(a, b)| a * b).sum::<f64>() < 0.0 { -1.0 } else { 1.0 };
        z.iter().map(|c| c / len).collect()
    }

    /// Sign of det ∂F/∂p at x (F's Jacobian in p only, λ fixed).
    pub fn det_sign(g: &Dense, x: &[f64]) -> f64 {
        let (_, jac) = g.system(x);
        let t = g.total;
        solve(jac.into_iter().map(|row| row[..t].to_vec()).collect(), vec![0.0; t]).1
    }

    /// Newton's method on F(p, λ) = 0 at fixed λ = x[t].
    pub fn newton_at(g: &Dense, mut x: Vec<f64>) -> Vec<f64> {
        let t = g.total;
        for _ in 0..50 {
            let (f, jac) = g.system(&x);
            let (d, _) = solve(jac.into_iter().map(|row| row[..t].to_vec()).collect(), f.iter().map(|v| -v).collect());
            for k in 0..t {
                x[k] += d[k];
            }
            if norm(&d) < 1e-14 {
                return x;
            }
        }
        panic!("Newton at fixed λ did not converge");
    }

    /// One step of the curve through x along `dir`: the corrected point, its tangent, and the
    /// size of the corrector's first move (Euler's error, ≈ curvature · h² / 2 on the same
    /// branch; a landing on another branch would move by the gap between them).
    pub fn step(g: &Dense, x: &[f64], dir: &[f64], h: f64) -> (Vec<f64>, Vec<f64>, f64) {
        let t = g.total;
        let predicted: Vec<f64> = x.iter().zip(dir).map(|(a, b)| a + h * b).collect();
        let mut y = predicted.clone();
        let mut first = None;
        for _ in 0..20 {
            let (f, mut jac) = g.system(&y);
            jac.push(dir.to_vec());
            let mut rhs: Vec<f64> = f.iter().map(|v| -v).collect();
            rhs.push(-(0..=t).map(|k| dir[k] * (y[k] - predicted[k])).sum::<f64>());
            let (d, _) = solve(jac, rhs);
            for k in 0..=t {
                y[k] += d[k];
            }
            let size = norm(&d);
            first.get_or_insert(size);
            if size < 1e-13 {
                let next = tangent(g, &y, dir);
                return (y, next, first.unwrap());
            }
        }
        panic!("the corrector did not converge at λ = {}", x[t]);
    }

    /// Every point of a fixed-step trace from `start` along `dir` while `go(point)` holds, and the
    /// largest corrector move.
    pub fn trace(
        g: &Dense,
        start: Vec<f64>,
        dir: Vec<f64>,
        h: f64,
        go: impl Fn(&[f64]) -> bool,
    ) -> (Vec<Vec<f64>>, f64) {
        let mut dir = tangent(g, &start, &dir);
        let mut path = vec![start];
        let mut worst: f64 = 0.0;
        while go(path.last().unwrap()) && path.len() < 100_000 {
            let (y, next, first) = step(g, path.last().unwrap(), &dir, h);
            worst = worst.max(first);
            path.push(y);
            dir = next;
        }
        (path, worst)
    }

    /// Where the path first crosses λ = `lambda` (interpolated, then Newton at that λ).
    pub fn first_crossing(g: &Dense, path: &[Vec<f64>], lambda: f64) -> Vec<f64> {
        let t = g.total;
        let k = path.iter().position(|x| x[t] >= lambda).expect("the path reaches λ");
        let (a, b) = (&path[k - 1], &path[k]);
        let w = (lambda - a[t]) / (b[t] - a[t]);
        let mut x: Vec<f64> = a.iter().zip(b).map(|(u, v)| u + w * (v - u)).collect();
        x[t] = lambda;
        newton_at(g, x)
    }

    pub fn distance(a: &[f64], b: &[f64]) -> f64 {
        norm(&a.iter().zip(b).map(|(u, v)| u - v).collect::<Vec<_>>())
    }
}

/// Who is right near pressure 3.08, Gambit (DPRK Freeze 0.0281 at λ = 1 up to pressure 3.081,
/// 0.9703 from 3.082) or our tracer before the step-control fix (0.607–0.603 for 3.078–3.085)?
/// Gambit. The independent fixed-step trace above (step 1e-3 in (p, λ), so it cannot pass
/// between branches more than 1e-3 apart) shows:
/// 1. From uniform play at λ = 0, λ rises at every step up to λ = 1 (no fold), and the branch
///    crosses λ = 1 at DPRK Freeze 0.028147 (pressure 3.08) and 0.970265 (3.082): Gambit's
///    values and ours now. A branch that never turns back in λ crosses λ = 1 once, so that is
///    the principal branch's point at λ = 1 (its first crossing, whatever it does later).
/// 2. At pressure 3.08 the logit equations have (at least) two more solutions at λ = 1: DPRK
///    Freeze 0.605838 and 0.970027 (random-start Newton finds just these three; index signs
///    +1, −1, +1 sum to the degree +1). The 0.6058 one has det ∂F/∂p < 0, while along a
///    fold-free path from λ = 0 (where ∂F/∂p = I) the determinant keeps its sign: it lies on
///    another piece of the correspondence. Traced down in λ it folds at λ ≈ 0.743
///    (Freeze ≈ 0.632) and comes back up to λ = 1 at Freeze 0.970027: a separate curve that
///    never gets below λ ≈ 0.74, passing within ≈ 0.052 (in (p, λ)) of the principal branch near
///    λ ≈ 0.7, where the principal branch turns sharply. The old tracer's step had no cap (it
///    grew 1.6-fold after every easy step and was refused only when the corrector moved more
///    than twice the step), so a step could span that gap, and its corrector landed on the other
///    curve. Between pressure 3.081 and 3.082 the two curves reconnect the other way, and the
///    principal branch runs on to the freeze deal.
///
/// (pygambit 17.0.0b2's `logit_solve_lambda` gives the same values as 16.7.0 did.)
#[test]
fn six_party_qre_near_pressure_3_08_independent_fine_trace() {
    use independent::*;
    let h = 1e-3;
    for (p, freeze) in [("3.08", 0.028147), ("3.082", 0.970265)] {
        let g = load_game("models/six_party.toml", &[("pressure", p)]);
        let d = Dense::new(&g);
        let t = d.total;
        let mut start: Vec<f64> = d.shape.iter().flat_map(|&m| vec![1.0 / m as f64; m]).collect();
        start.push(0.0);
        let mut up = vec![0.0; t + 1];
        up[t] = 1.0;
        let (path, worst) = trace(&d, start, up, h, |x| x[t] < 1.0);
        // Euler's error stays ≈ 25 h²: every step landed on the curve it left.
        assert!(worst < 1e-4, "pressure {p}: corrector moved {worst}");
        for w in path.windows(2) {
            assert!(w[1][t] > w[0][t], "pressure {p}: a fold at λ = {}", w[0][t]);
        }
        let x = first_crossing(&d, &path, 1.0);
        assert!((x[3] - freeze).abs() < 1e-6, "pressure {p}: DPRK Freeze {}", x[3]);
        assert!(det_sign(&d, &x) > 0.0);
        let ours = qre_at(&g, &[1.0]).unwrap().remove(0);
        let flat: Vec<f64> = ours.profile.concat();
        assert!(distance(&flat, &x[..t]) < 1e-8, "pressure {p}: ours {flat:?}, independent {x:?}");

        if p == "3.08" {
            // The QRE the old tracer reported (DPRK Freeze ≈ 0.606), from its rounded values.
            let mut other = vec![0.377, 0.168, 0.455, 0.606, 0.394, 0.51, 0.49, 0.28, 0.72, 0.6225, 0.3775, 0.33, 0.67];
            other.push(1.0);
            let other = newton_at(&d, other);
            assert!((other[3] - 0.605838).abs() < 1e-6, "{other:?}");
            assert!(det_sign(&d, &other) < 0.0);
            let mut down = vec![0.0; t + 1];
            down[t] = -1.0;
            // Down in λ until the curve comes back up through λ = 1 (or, if it were the
            // principal branch, reaches λ = 0).
            let dipped = std::cell::Cell::new(false);
            let (piece, worst) = trace(&d, other, down, h, |x| {
                dipped.set(dipped.get() || x[t] < 0.99);
                x[t] > 0.0 && !(dipped.get() && x[t] >= 1.0)
            });
            assert!(worst < 1e-4, "corrector moved {worst}");
            let lowest = piece.iter().map(|x| x[t]).fold(f64::INFINITY, f64::min);
            assert!((lowest - 0.743).abs() < 1e-3, "fold at λ = {lowest}");
            let k = piece.iter().rposition(|x| x[t] < 1.0).unwrap();
            let back = first_crossing(&d, &piece[k..], 1.0);
            assert!((back[3] - 0.970027).abs() < 1e-6, "{back:?}");
            assert!(det_sign(&d, &back) > 0.0);
            // The gap between the two curves is 50 times the step.
            let gap = piece.iter().flat_map(|a| path.iter().map(move |b| distance(a, b))).fold(f64::INFINITY, f64::min);
            assert!(gap > 0.05, "gap {gap}");
        }
    }
}

/// `--fit` recovers the λ that generated the frequencies, also where the branch folds: in
/// `qre_fold.nfg` the symmetric profile p = 0.99 is on the branch at λ = ln 99 / D(0.99)
/// = 0.0635738773 (D as above), on its third piece (after both folds), so λ = 0.0636 is crossed
/// three times. The fit used to refine λ with `qre_at`, i.e. on the first crossing (p ≈ 0.6), and
/// stopped at the nearest branch point (λ = 0.064037, p = 0.99045); it now refines along the
/// branch.
#[test]
fn fit_recovers_lambda_on_a_folded_branch_and_on_six_party() {
    let g = load_game("tests/data/qre_fold.nfg", &[]);
    let freqs = vec![vec![0.99, 0.01]; 3];
    let fit = fit_lambda(&g, &freqs, 1.0).unwrap();
    assert!((fit.lambda - 0.0635738773).abs() < 1e-7, "{fit:?}");
    for p in &fit.profile {
        assert!((p[0] - 0.99).abs() < 1e-7, "{fit:?}");
    }
    // Frequencies generated at a known λ on six_party (near the sharp turn at pressure 3.08, and
    // at pressure 3), as counts out of 1000 players each (rounded), and exactly.
    for (p, lambda) in [("3.08", 1.0), ("3", 0.3), ("3", 2.0)] {
        let g = load_game("models/six_party.toml", &[("pressure", p)]);
        let truth = qre_at(&g, &[lambda]).unwrap().remove(0);
        let fit = fit_lambda(&g, &truth.profile, 3.0).unwrap();
        assert!((fit.lambda - lambda).abs() < 1e-6, "pressure {p}, λ {lambda}: {fit:?}");
        let counts: Vec<Vec<f64>> =
            truth.profile.iter().map(|q| q.iter().map(|x| (x * 1000.0).round()).collect()).collect();
        let fit = fit_lambda(&g, &counts, 3.0).unwrap();
        assert!((fit.lambda - lambda).abs() < 0.05 * lambda, "pressure {p}, λ {lambda}, counts: {fit:?}");
    }
}

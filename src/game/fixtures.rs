//! Small games shared by unit tests.

use super::{NormalForm, Player};
use crate::num::q;

/// A two-player game from integer matrices (rows: player 1), strategies labelled "1", "2", ...
pub(crate) fn bimatrix(a: &[&[i64]], b: &[&[i64]]) -> NormalForm {
    let (m, n) = (a.len(), a[0].len());
    let players = vec![
        Player { name: "1".into(), strategies: (1..=m).map(|i| i.to_string()).collect() },
        Player { name: "2".into(), strategies: (1..=n).map(|i| i.to_string()).collect() },
    ];
    NormalForm::new("t", players, |p| vec![q(a[p[0]][p[1]]), q(b[p[0]][p[1]])]).unwrap()
}

/// Chicken with Aumann's numbers: (Swerve, Swerve) = (6, 6), (Swerve, Straight) = (2, 7),
/// (Straight, Swerve) = (7, 2), (Straight, Straight) = (0, 0); players "A" and "B".
pub(crate) fn chicken() -> NormalForm {
    let s = || vec!["Swerve".to_string(), "Straight".to_string()];
    let players = vec![Player { name: "A".into(), strategies: s() }, Player { name: "B".into(), strategies: s() }];
    NormalForm::new("chicken", players, |p| match (p[0], p[1]) {
        (0, 0) => vec![q(6), q(6)],
        (0, 1) => vec![q(2), q(7)],
        (1, 0) => vec![q(7), q(2)],
        _ => vec![q(0), q(0)],
    })
    .unwrap()
}

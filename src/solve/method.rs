//! The equilibrium-finding methods, as a type: the command line maps its `--method` value onto
//! [`Method`]; the library switches on it and never sees a method name it does not know.

use std::fmt;

/// An equilibrium-finding method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// Games: `enum` for two players, `enumpoly` for tiny games of 3+ players, `simpdiv` for larger
    /// ones; trees: `spe`.
    Auto,
    /// Trees: subgame-perfect equilibria.
    Spe,
    /// All pure-strategy equilibria (any number of players).
    Pure,
    /// All extreme equilibria and their components, by vertex enumeration (two players).
    Enum,
    /// Lemke–Howson (two players); trees: Lemke on the sequence form.
    Lemke,
    /// Linear programming for two-player constant-sum games (trees: on the sequence form).
    Lp,
    /// The welfare-maximising correlated equilibrium, by exact linear programming.
    Correlated,
    /// One equilibrium of any N-player game: the limit of the logit quantal-response branch,
    /// polished and certified (exact where the support system has a rational solution,
    /// otherwise an ε-equilibrium with a regret bound proven in exact arithmetic).
    Logit,
    /// All equilibria of small games with any number of players: support enumeration, the
    /// polynomial indifference systems solved by exact subdivision and Krawczyk tests.
    EnumPoly,
    /// One equilibrium of any N-player game by simplicial subdivision on a refining grid (van der
    /// Laan, Talman and van der Heyden's restart algorithm, as Gambit's `simpdiv`), polished and
    /// certified like [`Method::Logit`].
    SimpDiv,
    /// Several equilibria of any N-player game by the global Newton method (Govindan and Wilson
    /// 2003): the equilibria where one path of perturbed games crosses the unperturbed game,
    /// polished and certified like [`Method::Logit`].
    Gnm,
}

impl Method {
    /// Every method, in the order `--help` lists them.
    pub const ALL: [Method; 11] = [
        Method::Auto,
        Method::Spe,
        Method::Pure,
        Method::Enum,
        Method::Lemke,
        Method::Lp,
        Method::Correlated,
        Method::Logit,
        Method::EnumPoly,
        Method::SimpDiv,
        Method::Gnm,
    ];

    /// The method's name on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Method::Auto => "auto",
            Method::Spe => "spe",
            Method::Pure => "pure",
            Method::Enum => "enum",
            Method::Lemke => "lemke",
            Method::Lp => "lp",
            Method::Correlated => "correlated",
            Method::Logit => "logit",
            Method::EnumPoly => "enumpoly",
            Method::SimpDiv => "simpdiv",
            Method::Gnm => "gnm",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct() {
        let mut names: Vec<&str> = Method::ALL.iter().map(|m| m.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Method::ALL.len());
        assert_eq!(Method::Enum.to_string(), "enum");
    }
}

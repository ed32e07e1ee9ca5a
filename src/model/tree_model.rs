//! TOML trees (kind = "tree"): filled in below.

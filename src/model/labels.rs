//! Repeated labels in Gambit files. Gambit tells players, strategies and actions apart by
//! position, so its files may repeat a label; we need distinct labels (they name strategies in
//! reports and on the command line), so later uses are renamed and a note says which.

use std::collections::{HashMap, HashSet};

/// Makes labels unique the way a reader tells them apart by position: the first use of a label
/// keeps it, a later use of the same label becomes `label (k)` for its k-th use (or the next
/// free number). Returns a note naming every renamed label, or None if all were distinct.
///
/// `what` names the list (`strategies of "Dan"`), `item` one entry (`strategy`).
pub(crate) fn disambiguate(labels: &mut [String], what: &str, item: &str) -> Option<String> {
    disambiguate_with(labels, || what.to_string(), item)
}

/// [`disambiguate`] with the list's name made only when a label repeats (a tree file has one
/// action list per node: naming each would cost more than reading it).
pub(crate) fn disambiguate_with(labels: &mut [String], what: impl FnOnce() -> String, item: &str) -> Option<String> {
    // Short lists (the actions of a node) are checked without allocating; long ones in linear
    // time: 200,000 labels take milliseconds.
    if labels.len() <= 16 {
        let repeated = (1..labels.len()).any(|j| labels[..j].contains(&labels[j]));
        if !repeated {
            return None;
        }
    }
    let mut taken: HashSet<String> = labels.iter().cloned().collect();
    if taken.len() == labels.len() {
        return None;
    }
    let what = what();
    let mut uses: HashMap<String, usize> = HashMap::new();
    let mut renamed: Vec<String> = Vec::new();
    for (i, label) in labels.iter_mut().enumerate() {
        let count = uses.entry(label.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            continue;
        }
        let mut k = *count;
        let base = if label.is_empty() { item.to_string() } else { label.clone() };
        let mut new = format!("{base} ({k})");
        while taken.contains(&new) {
            k += 1;
            new = format!("{base} ({k})");
        }
        taken.insert(new.clone());
        if renamed.len() < 10 {
            renamed.push(format!("{item} {} \"{label}\" is shown as \"{new}\"", i + 1));
        }
        *label = new;
    }
    let more = if renamed.len() == 10 { ", ..." } else { "" };
    Some(format!(
        "the {what} repeat a label (Gambit tells them apart by position); to keep them apart here, {}{more}",
        renamed.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_uses_are_numbered() {
        let mut l: Vec<String> = ["a", "b", "a", "a (2)", "a"].iter().map(|s| s.to_string()).collect();
        let note = disambiguate(&mut l, "actions", "action").unwrap();
        assert_eq!(l, ["a", "b", "a (3)", "a (2)", "a (4)"]);
        assert!(note.contains("action 3 \"a\" is shown as \"a (3)\""), "{note}");
        let mut same: Vec<String> = vec!["x".into(), "y".into()];
        assert!(disambiguate(&mut same, "actions", "action").is_none());
    }
}

//! Helpers for the readable text layouts: boxed tables and wrapped lists.

use comfy_table::{presets, ContentArrangement, Table as Grid};

/// Width at which long lists (parameters) wrap.
pub(crate) const WIDTH: usize = 100;

/// A boxed table with a header row, never wrapped to the terminal.
pub(crate) fn grid(header: Vec<String>) -> Grid {
    let mut g = Grid::new();
    g.load_preset(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header);
    g
}

/// Joins `items` with ", " into lines no longer than [`WIDTH`] (an item longer than that gets
/// its own line), each line after the first indented by `indent` spaces.
pub(crate) fn wrap(first: &str, items: &[String], indent: usize) -> String {
    let mut out = first.to_string();
    let mut line_len = first.chars().count();
    for (k, item) in items.iter().enumerate() {
        let piece = if k + 1 < items.len() { format!("{item},") } else { item.clone() };
        let len = piece.chars().count();
        if k > 0 && line_len + 1 + len > WIDTH {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            line_len = indent;
        } else if k > 0 || !first.is_empty() {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(&piece);
        line_len += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_long_lists() {
        let items: Vec<String> = (0..30).map(|k| format!("parameter_{k} = {k}")).collect();
        let s = wrap("Parameters:", &items, 2);
        assert!(s.lines().count() > 1);
        assert!(s.lines().all(|l| l.chars().count() <= WIDTH), "{s}");
        assert!(s.lines().skip(1).all(|l| l.starts_with("  ")));
        assert_eq!(wrap("P:", &["a".into(), "b".into()], 2), "P: a, b");
    }
}

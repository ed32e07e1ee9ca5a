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

/// A boxed table with a header row whose cells wrap (at spaces where possible) so that every line
/// fits in [`WIDTH`] columns.
pub(crate) fn narrow_grid(header: Vec<String>) -> Grid {
    let mut g = Grid::new();
    g.load_preset(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(WIDTH as u16)
        .set_header(header);
    g
}

/// `text` broken at spaces into lines of at most [`WIDTH`] columns, the first starting with
/// `first` and the others indented by `indent` spaces; a word longer than a line is cut.
pub(crate) fn wrap_words(first: &str, text: &str, indent: usize) -> String {
    let mut out = first.to_string();
    let mut len = first.chars().count();
    let pad = " ".repeat(indent);
    let mut at_line_start = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut chars: Vec<char> = word.chars().collect();
        if !at_line_start && len + 1 + chars.len() > WIDTH {
            out.push('\n');
            out.push_str(&pad);
            len = indent;
            at_line_start = true;
        }
        if !at_line_start {
            out.push(' ');
            len += 1;
        }
        // A word too long for a line is cut at the line's end (at least one character a line).
        while !chars.is_empty() && len + chars.len() > WIDTH {
            if len >= WIDTH && len > indent {
                out.push('\n');
                out.push_str(&pad);
                len = indent;
                continue;
            }
            let take = WIDTH.saturating_sub(len).max(1);
            out.extend(chars.drain(..take));
            out.push('\n');
            out.push_str(&pad);
            len = indent;
        }
        out.extend(chars.iter());
        len += chars.len();
        at_line_start = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words_within_the_width() {
        let text = ["Concede+Hold"; 20].join(" > ");
        let s = wrap_words("    ", &text, 6);
        assert!(s.lines().count() > 2, "{s}");
        assert!(s.lines().all(|l| l.chars().count() <= WIDTH), "{s}");
        assert!(s.lines().skip(1).all(|l| l.starts_with("      C") || l.starts_with("      >")), "{s}");
        let long = "x".repeat(250);
        let s = wrap_words("  ", &long, 2);
        assert!(s.lines().all(|l| l.chars().count() <= WIDTH), "{s}");
        assert_eq!(s.chars().filter(|&c| c == 'x').count(), 250);
        assert_eq!(wrap_words("R1 ", "a b", 3), "R1 a b");
    }

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

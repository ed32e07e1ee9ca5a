//! Markdown: the one cell-escaping routine every Markdown rendering uses.

/// Escapes characters that would break a table cell or start inline markup.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn escapes_cells() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("x_y\nz"), "x\\_y z");
    }
}

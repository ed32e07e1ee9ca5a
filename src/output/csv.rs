//! CSV: the one field-quoting routine every CSV rendering uses.

/// Appends `s` to `out` as a CSV field (RFC 4180): quoted, with inner quotes doubled, if it
/// contains a comma, quote, or line break; as it is otherwise. The project's one CSV quoting
/// routine; it allocates nothing.
pub fn push_field(out: &mut String, s: &str) {
    if !s.contains([',', '"', '\n', '\r']) {
        out.push_str(s);
        return;
    }
    out.push('"');
    for (k, part) in s.split('"').enumerate() {
        if k > 0 {
            out.push_str("\"\"");
        }
        out.push_str(part);
    }
    out.push('"');
}

/// `s` as a CSV field (see [`push_field`]).
pub fn field(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_field(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn quotes_when_needed() {
        assert_eq!(field("US:Hold"), "US:Hold");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(field("\"a\nb\""), "\"\"\"a\nb\"\"\"");
        assert_eq!(field(""), "");
    }
}

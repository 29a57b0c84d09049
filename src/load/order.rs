//! The order of modules and lessons: `order` first, then the name, numbers as numbers.

/// `order` first (lessons without one come after), then the name in natural order
/// (`2-x` before `10-x`).
pub fn sort_key(order: Option<i64>, name: &str) -> (i64, Vec<NaturalPart>) {
    (order.unwrap_or(i64::MAX), natural_parts(name))
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NaturalPart {
    Number(u128),
    Text(String),
}

fn natural_parts(name: &str) -> Vec<NaturalPart> {
    let mut parts = Vec::new();
    let mut chars = name.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut n: u128 = 0;
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                n = n.saturating_mul(10).saturating_add(d as u128);
                chars.next();
            }
            parts.push(NaturalPart::Number(n));
        } else {
            let mut s = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_ascii_digit() {
                    break;
                }
                s.push(c);
                chars.next();
            }
            parts.push(NaturalPart::Text(s));
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order() {
        let mut names = vec!["10-x", "2-x", "1-b", "1-a"];
        names.sort_by_key(|n| natural_parts(n));
        assert_eq!(names, ["1-a", "1-b", "2-x", "10-x"]);
    }

    #[test]
    fn explicit_order_wins_and_unordered_come_last() {
        assert!(sort_key(Some(5), "z") < sort_key(None, "a"));
        assert!(sort_key(Some(1), "z") < sort_key(Some(2), "a"));
    }
}

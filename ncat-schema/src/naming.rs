//! Identifier rules and case conversion for generated names.

/// Rust keywords (strict and reserved, 2024 edition): never usable as a
/// generated field or method name.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// Whether `name` is a Rust keyword.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// `snake_case`: lowercase ASCII letters, digits and single underscores,
/// starting with a letter, and not a keyword.
pub fn is_snake_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.contains("__")
        && !name.ends_with('_')
        && !is_keyword(name)
}

/// `PascalCase`: starts with an uppercase ASCII letter, then ASCII
/// alphanumerics only.
pub fn is_pascal_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `set_group_ban` → `SetGroupBan`; also turns wire enum values such as
/// `require_approval` or `m4a` into variant names.
pub fn pascal_case(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_rules() {
        assert!(is_snake_case("set_group_ban"));
        assert!(is_snake_case("get_clientkey"));
        assert!(!is_snake_case("longNick"));
        assert!(!is_snake_case("type"));
        assert!(!is_snake_case(".handle_quick_operation"));
        assert!(!is_snake_case("_send_group_notice"));
        assert!(!is_snake_case("ArkSharePeer"));
        assert!(!is_snake_case("a__b"));
    }

    #[test]
    fn pascal_case_conversion() {
        assert_eq!(pascal_case("set_group_ban"), "SetGroupBan");
        assert_eq!(pascal_case("m4a"), "M4a");
        assert_eq!(pascal_case("require_approval"), "RequireApproval");
        assert!(is_pascal_case("GroupMember"));
        assert!(!is_pascal_case("group_member"));
    }
}

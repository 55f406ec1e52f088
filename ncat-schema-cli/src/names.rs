//! Rust names for NapCat's wire names, and English words from them.

use std::collections::HashSet;

use ncat_schema::{is_keyword, is_snake_case};

/// `ArkSharePeer` → `ark_share_peer`, `.ocr_image` → `ocr_image`,
/// `emojiLikesList` → `emoji_likes_list`, `getURLList` → `get_url_list`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (index, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            out.push('_');
            continue;
        }
        if c.is_ascii_uppercase() && index > 0 {
            let previous = chars[index - 1];
            let next_is_lower = chars
                .get(index + 1)
                .is_some_and(|next| next.is_ascii_lowercase());
            if previous.is_ascii_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_ascii_uppercase() && next_is_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out.split('_')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// A name without case or punctuation, to spot renames and typos:
/// `get_client_key` and `get_clientkey` are the same loose name.
pub fn loose(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// An English placeholder summary from a wire name:
/// `get_group_shut_list` → `Get group shut list`.
pub fn sentence(name: &str) -> String {
    let words = snake_case(name).replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => name.to_owned(),
    }
}

/// Hands out Rust names that are valid, not reserved and not yet taken.
pub struct Namer {
    taken: HashSet<String>,
    reserved: &'static [&'static str],
}

impl Namer {
    /// A namer that never hands out one of `reserved`.
    pub fn new(reserved: &'static [&'static str]) -> Self {
        Namer {
            taken: HashSet::new(),
            reserved,
        }
    }

    /// Marks `name` as used elsewhere.
    pub fn take(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// The Rust name for `wire`, or `None` when the wire name itself is a
    /// fine, unused Rust name (so the entry needs no `rust_name`).
    pub fn name(&mut self, wire: &str) -> Option<String> {
        let base = snake_case(wire);
        let base = match base.as_str() {
            "" => "value".to_owned(),
            "type" => "kind".to_owned(),
            _ if base.starts_with(|c: char| c.is_ascii_digit()) => format!("n_{base}"),
            _ if is_keyword(&base) || self.reserved.contains(&base.as_str()) => {
                format!("{base}_value")
            }
            _ => base,
        };
        let mut candidate = base.clone();
        let mut counter = 2;
        while self.taken.contains(&candidate)
            || !is_snake_case(&candidate)
            || self.reserved.contains(&candidate.as_str())
        {
            candidate = format!("{base}_{counter}");
            counter += 1;
        }
        self.taken.insert(candidate.clone());
        (candidate != wire).then_some(candidate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_of_napcat_names() {
        assert_eq!(snake_case("ArkSharePeer"), "ark_share_peer");
        assert_eq!(snake_case(".ocr_image"), "ocr_image");
        assert_eq!(snake_case("_get_model_show"), "get_model_show");
        assert_eq!(snake_case("emojiLikesList"), "emoji_likes_list");
        assert_eq!(snake_case("getURLList"), "get_url_list");
        assert_eq!(snake_case("translate_en2zh"), "translate_en2zh");
        assert_eq!(snake_case("qqLevel"), "qq_level");
        assert_eq!(sentence("get_group_shut_list"), "Get group shut list");
        assert_eq!(sentence("ArkShareGroup"), "Ark share group");
        assert_eq!(loose("get_client_key"), loose("getClientKey"));
    }

    #[test]
    fn names_are_valid_unique_and_only_given_when_needed() {
        let mut namer = Namer::new(&["new"]);
        namer.take("ocr_image");
        assert_eq!(namer.name("group_id"), None);
        assert_eq!(namer.name("emojiId"), Some("emoji_id".into()));
        assert_eq!(namer.name(".ocr_image"), Some("ocr_image_2".into()));
        assert_eq!(namer.name("type"), Some("kind".into()));
        assert_eq!(namer.name("new"), Some("new_value".into()));
        assert_eq!(namer.name("self"), Some("self_value".into()));
        assert_eq!(namer.name("categoryId"), Some("category_id".into()));
        assert_eq!(namer.name("category_id"), Some("category_id_2".into()));
        assert_eq!(namer.name("2fa"), Some("n_2fa".into()));
    }
}

//! Which category file a NapCat action belongs in.
//!
//! In order, the first rule that gives an answer wins:
//!
//! 1. A wire name that names one of the small, cross-cutting categories:
//!    `ark`/`Ark` → ark, an `ai` word → ai, `stream` → stream, `guild` →
//!    guild. (NapCat tags these by origin instead, e.g. `ArkSharePeer` is a
//!    "消息扩展".)
//! 2. NapCat's first tag, when it names a category: 消息… → message,
//!    群组… → group, 用户… → user, 文件… → file, 系统… → system,
//!    流式… → stream, AI … → ai, 频道… → guild.
//! 3. A word of the wire name, or its plural: `ocr` → system;
//!    `msg`/`message`/`forward`/`poke`/`emoji` →
//!    message; `file`/`folder`/`fileset`/`flash`/`image`/`record` → file;
//!    `group`/`essence`/`notice`/`album`/`todo` → group;
//!    `friend`/`stranger`/`profile`/`like`/`avatar`/`longnick` → user.
//! 4. Otherwise there is no answer; `import` then needs `--category`.

/// The category files, by stem.
pub const CATEGORIES: [&str; 9] = [
    "message", "group", "user", "file", "system", "stream", "ark", "ai", "guild",
];

/// NapCat tag prefixes and the category each names.
const TAGS: [(&str, &str); 8] = [
    ("消息", "message"),
    ("群组", "group"),
    ("用户", "user"),
    ("文件", "file"),
    ("系统", "system"),
    ("流式", "stream"),
    ("AI", "ai"),
    ("频道", "guild"),
];

/// Words of a wire name that name a small category outright.
const SPECIAL_WORDS: [(&str, &str); 4] = [
    ("ark", "ark"),
    ("ai", "ai"),
    ("stream", "stream"),
    ("guild", "guild"),
];

/// Words of a wire name (or their plurals) that suggest a category when the
/// tags do not.
const WORDS: [(&str, &str); 23] = [
    ("ocr", "system"),
    ("msg", "message"),
    ("message", "message"),
    ("forward", "message"),
    ("poke", "message"),
    ("emoji", "message"),
    ("file", "file"),
    ("folder", "file"),
    ("fileset", "file"),
    ("flash", "file"),
    ("image", "file"),
    ("record", "file"),
    ("group", "group"),
    ("essence", "group"),
    ("notice", "group"),
    ("album", "group"),
    ("todo", "group"),
    ("friend", "user"),
    ("stranger", "user"),
    ("profile", "user"),
    ("like", "user"),
    ("avatar", "user"),
    ("longnick", "user"),
];

/// The category for `action` with NapCat's `tags`, if the rules tell.
pub fn guess(action: &str, tags: &[String]) -> Option<&'static str> {
    let words = words(action);
    // The table's order is the priority: `send_group_forward_msg` is a message.
    let word_rule = |table: &[(&str, &'static str)]| {
        table
            .iter()
            .find(|(known, _)| {
                words
                    .iter()
                    .any(|word| word == known || word.strip_suffix('s') == Some(known))
            })
            .map(|(_, category)| *category)
    };
    word_rule(&SPECIAL_WORDS)
        .or_else(|| {
            let tag = tags.first()?;
            TAGS.iter()
                .find(|(prefix, _)| tag.starts_with(prefix))
                .map(|(_, category)| *category)
        })
        .or_else(|| word_rule(&WORDS))
}

/// Whether `name` is one of the categories.
pub fn is_category(name: &str) -> bool {
    CATEGORIES.contains(&name)
}

/// The lower-case words of a wire name: `ArkSharePeer` → ark, share, peer;
/// `.ocr_image` → ocr, image.
fn words(action: &str) -> Vec<String> {
    crate::names::snake_case(action)
        .split('_')
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(tag: &str) -> Vec<String> {
        vec![tag.to_owned()]
    }

    #[test]
    fn special_names_then_tags_then_words() {
        assert_eq!(guess("ArkSharePeer", &tags("消息扩展")), Some("ark"));
        assert_eq!(guess("send_group_ai_record", &tags("AI 扩展")), Some("ai"));
        assert_eq!(guess("get_ai_characters", &tags("扩展接口")), Some("ai"));
        assert_eq!(
            guess("upload_file_stream", &tags("流式接口")),
            Some("stream")
        );
        assert_eq!(guess("get_guild_list", &tags("频道接口")), Some("guild"));
        assert_eq!(guess("set_group_ban", &tags("群组接口")), Some("group"));
        assert_eq!(guess("get_recent_contact", &tags("用户接口")), Some("user"));
        assert_eq!(
            guess("send_group_forward_msg", &tags("Go-CQHTTP")),
            Some("message")
        );
        assert_eq!(
            guess("delete_group_folder", &tags("Go-CQHTTP")),
            Some("file")
        );
        assert_eq!(
            guess("get_group_root_files", &tags("Go-CQHTTP")),
            Some("file")
        );
        assert_eq!(guess(".ocr_image", &tags("扩展接口")), Some("system"));
        assert_eq!(
            guess("set_group_portrait", &tags("Go-CQHTTP")),
            Some("group")
        );
        assert_eq!(guess("delete_friend", &tags("Go-CQHTTP")), Some("user"));
        assert_eq!(guess("set_qq_profile", &tags("Go-CQHTTP")), Some("user"));
        assert_eq!(guess("set_qq_avatar", &[]), Some("user"));
        assert_eq!(guess("check_url_safely", &tags("Go-CQHTTP")), None);
        assert_eq!(guess("_get_model_show", &tags("Go-CQHTTP")), None);
        // `ai` must be a word, not a substring.
        assert_eq!(guess("get_mail_list", &[]), None);
    }

    #[test]
    fn the_nine_categories() {
        assert!(is_category("guild"));
        assert!(!is_category("types"));
    }
}

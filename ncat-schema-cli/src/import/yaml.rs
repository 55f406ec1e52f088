//! Writing an action as YAML in the schema's house style: block mappings for
//! the entry, one flow mapping per parameter or field when it fits on a
//! line, plain scalars where YAML allows them and JSON-style double quotes
//! elsewhere.

use ncat_schema::model::{Action, Field, Param, Reply};
use serde_json::Value;

/// Lines longer than this use block style for a parameter or field.
const LONGEST_FLOW_LINE: usize = 100;

/// The text of one entry of a category file's `actions:` list, preceded by
/// the `# TODO review` marker that `import` leaves for the maintainer.
pub fn entry(action: &Action, napcat_version: &str) -> String {
    let mut out = format!(
        "  # TODO review: imported from NapCat {napcat_version}'s OpenAPI export by `ncat-schema import`;\n  \
         # check the types (integer widths are guesses), defaults, docs and summary.en.\n"
    );
    out.push_str(&format!("  - action: {}\n", scalar(&action.wire_name)));
    if let Some(since) = action.since {
        out.push_str(&format!("    since: {}\n", quoted(&since.to_string())));
    }
    if action.rust_name != action.wire_name {
        out.push_str(&format!("    rust_name: {}\n", scalar(&action.rust_name)));
    }
    if let Some(deprecated) = &action.deprecated {
        out.push_str(&format!("    deprecated: {}\n", scalar(deprecated)));
    }
    out.push_str(&format!(
        "    summary: {{ zh: {}, en: {} }}\n",
        scalar(&action.summary_zh),
        scalar(&action.summary_en)
    ));
    if let Some(description) = &action.description {
        out.push_str(&text_value("    ", "description", description));
    }
    if !action.params.is_empty() {
        out.push_str("    params:\n");
        for param in &action.params {
            out.push_str(&item("      ", &param_pairs(param)));
        }
    }
    match &action.reply {
        Reply::Nothing => {}
        Reply::Type { ty, doc, .. } | Reply::Frames { ty, doc } => {
            let key = match action.reply {
                Reply::Frames { .. } => "frames",
                _ => "type",
            };
            out.push_str("    reply:\n");
            out.push_str(&format!("      {key}: {}\n", scalar(&ty.to_string())));
            if let Reply::Type { optional: true, .. } = action.reply {
                out.push_str("      optional: true\n");
            }
            if let Some(doc) = doc {
                out.push_str(&text_value("      ", "doc", doc));
            }
        }
        Reply::Fields { fields, doc } => {
            out.push_str("    reply:\n      fields:\n");
            for field in fields {
                out.push_str(&item("        ", &field_pairs(field)));
            }
            if let Some(doc) = doc {
                out.push_str(&text_value("      ", "doc", doc));
            }
        }
    }
    out
}

fn param_pairs(param: &Param) -> Vec<(&'static str, String)> {
    let mut pairs = vec![("name", scalar(&param.wire_name))];
    if param.rust_name != param.wire_name {
        pairs.push(("rust_name", scalar(&param.rust_name)));
    }
    pairs.push(("type", scalar(&param.ty.to_string())));
    if param.required {
        pairs.push(("required", "true".into()));
    }
    if let Some(default) = &param.default {
        pairs.push(("default", value(default)));
    }
    if let Some(doc) = &param.doc {
        pairs.push(("doc", scalar(doc)));
    }
    if let Some(since) = param.since {
        pairs.push(("since", quoted(&since.to_string())));
    }
    pairs
}

fn field_pairs(field: &Field) -> Vec<(&'static str, String)> {
    let mut pairs = vec![("name", scalar(&field.wire_name))];
    if field.rust_name != field.wire_name {
        pairs.push(("rust_name", scalar(&field.rust_name)));
    }
    pairs.push(("type", scalar(&field.ty.to_string())));
    if field.optional {
        pairs.push(("optional", "true".into()));
    }
    if let Some(doc) = &field.doc {
        pairs.push(("doc", scalar(doc)));
    }
    if let Some(since) = field.since {
        pairs.push(("since", quoted(&since.to_string())));
    }
    pairs
}

/// A list item: `- { a: 1, b: 2 }` when short enough, else a block mapping.
fn item(indent: &str, pairs: &[(&str, String)]) -> String {
    let flow = format!(
        "{indent}- {{ {} }}\n",
        pairs
            .iter()
            .map(|(key, value)| format!("{key}: {value}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if flow.chars().count() <= LONGEST_FLOW_LINE + 1 {
        return flow;
    }
    let mut block = String::new();
    for (index, (key, value)) in pairs.iter().enumerate() {
        let lead = if index == 0 { "- " } else { "  " };
        block.push_str(&format!("{indent}{lead}{key}: {value}\n"));
    }
    block
}

/// `key: text`, as a literal block for multi-line text.
fn text_value(indent: &str, key: &str, text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let text = text.trim_end();
    let block_safe = text.contains('\n') && !text.starts_with(char::is_whitespace);
    if !block_safe {
        return format!("{indent}{key}: {}\n", scalar(text));
    }
    let mut out = format!("{indent}{key}: |-\n");
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{indent}  {line}\n"));
        }
    }
    out
}

/// A default value: scalars as YAML scalars, lists and maps as JSON (which
/// is YAML flow syntax).
fn value(value: &Value) -> String {
    match value {
        Value::String(text) => scalar(text),
        other => other.to_string(),
    }
}

/// `text` as a YAML scalar that reads back as exactly this string: plain
/// when that is unambiguous in both block and flow context, else double
/// quoted with JSON escapes (which YAML's double-quoted style accepts).
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_owned()
    } else {
        serde_json::Value::String(text.to_owned()).to_string()
    }
}

/// `text` double quoted, as the schema writes every `since`.
fn quoted(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

fn is_plain_safe(text: &str) -> bool {
    const SPECIAL_FIRST: &str = "-?:,[]{}#&*!|>'\"%@`.+~=";
    const NOT_STRINGS: [&str; 10] = [
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~",
    ];
    let Some(first) = text.chars().next() else {
        return false;
    };
    text == text.trim()
        && !SPECIAL_FIRST.contains(first)
        && !first.is_ascii_digit()
        && !text
            .chars()
            .any(|c| c.is_control() || ":#,[]{}\\".contains(c))
        && !NOT_STRINGS.contains(&text.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(scalar("群号"), "群号");
        assert_eq!(scalar("list<User>"), "list<User>");
        assert_eq!(scalar("Get group shut list"), "Get group shut list");
        assert_eq!(scalar(""), "\"\"");
        assert_eq!(scalar(" "), "\" \"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("10086"), "\"10086\"");
        assert_eq!(scalar(".ocr_image"), "\".ocr_image\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("x, y"), "\"x, y\"");
        assert_eq!(scalar("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
        assert_eq!(value(&serde_json::json!(["a", 1])), "[\"a\",1]");
        assert_eq!(value(&serde_json::json!(true)), "true");
    }

    #[test]
    fn long_items_use_block_style_and_multiline_text_a_literal_block() {
        let long = "x".repeat(90);
        assert_eq!(
            item("  ", &[("name", "a".into()), ("doc", long.clone())]),
            format!("  - name: a\n    doc: {long}\n")
        );
        assert_eq!(item("  ", &[("name", "a".into())]), "  - { name: a }\n");
        assert_eq!(
            text_value(
                "    ",
                "description",
                "## 状态\n\n```json\n{ \"a\": 1 }\n```\n"
            ),
            "    description: |-\n      ## 状态\n\n      ```json\n      { \"a\": 1 }\n      ```\n"
        );
        assert_eq!(text_value("  ", "doc", "one line"), "  doc: one line\n");
    }
}

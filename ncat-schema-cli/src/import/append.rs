//! Appending entries to a category file in whatever valid YAML layout it
//! has: list items indented or at column 0, LF or CRLF line endings, with
//! or without a final newline, comments at the end, an empty flow list
//! (`actions: []`), or a flow list or document a formatter wrote.
//!
//! A block list is appended to as text, so everything already in the file
//! (comments, quoting, key order) stays as it is; the entries are indented
//! like the file's first item. A non-empty flow list cannot take block
//! entries, so the file is rewritten as a block list with its existing
//! entries as one JSON (flow) line each, after parsing it: the data stays,
//! the comments inside the flow list do not.

use serde_json::Value;

/// The indentation `import`'s entries are written with (`  - action: …`).
const ENTRY_INDENT: usize = 2;

/// `existing` (a category file's text) with `entries` appended to its
/// `actions` list. Each entry is `import`'s text of one list item, indented
/// by [`ENTRY_INDENT`].
pub fn append(existing: &str, entries: &[String]) -> Result<String, String> {
    let newline = if existing.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let lines: Vec<&str> = existing.lines().collect();
    let Some(key) = lines.iter().position(|line| line.starts_with("actions:")) else {
        return rewrite(existing, entries, newline);
    };
    let rest = without_comment(&lines[key]["actions:".len()..]);
    let (mut kept, indent) = match rest {
        "" => (lines.clone(), item_indent(&lines[key + 1..])),
        "[]" => {
            let mut kept = lines.clone();
            kept[key] = "actions:";
            (kept, ENTRY_INDENT)
        }
        _ => return rewrite(existing, entries, newline),
    };
    let mut text: Vec<String> = kept.drain(..).map(str::to_owned).collect();
    for entry in entries {
        text.push(String::new());
        text.extend(entry.lines().map(|line| reindent(line, indent)));
    }
    Ok(text.join(newline) + newline)
}

/// The indentation of the list's items: that of the first `-` line.
fn item_indent(lines: &[&str]) -> usize {
    lines
        .iter()
        .map(|line| line.trim_end())
        .find(|line| !line.trim_start().is_empty() && !line.trim_start().starts_with('#'))
        .filter(|line| line.trim_start().starts_with('-'))
        .map_or(ENTRY_INDENT, |line| line.len() - line.trim_start().len())
}

/// `line` of an entry, moved from [`ENTRY_INDENT`] to `indent`.
fn reindent(line: &str, indent: usize) -> String {
    if line.trim().is_empty() {
        return String::new();
    }
    let body = line.strip_prefix(&" ".repeat(ENTRY_INDENT)).unwrap_or(line);
    format!("{}{body}", " ".repeat(indent))
}

/// The text before a ` #` comment, trimmed (good enough after `actions:`,
/// where only `[]`, a flow list or nothing can follow).
fn without_comment(text: &str) -> &str {
    let end = text.find(" #").unwrap_or(text.len());
    let text = text[..end].trim();
    if text.starts_with('#') { "" } else { text }
}

/// The YAML-aware path: parse the file, then write a block list of its
/// entries (one JSON line each) followed by the new ones.
fn rewrite(existing: &str, entries: &[String], newline: &str) -> Result<String, String> {
    let document: Value = serde_saphyr::from_str(existing)
        .map_err(|error| format!("the file is not valid YAML: {error}"))?;
    let actions = match document.get("actions") {
        Some(Value::Array(actions)) => actions.clone(),
        Some(Value::Null) | None => Vec::new(),
        Some(_) => return Err("`actions` is not a list".into()),
    };
    let mut lines = vec![
        "# Rewritten as a block list by `ncat-schema import` (the file had a flow list)."
            .to_owned(),
        "actions:".to_owned(),
    ];
    for action in &actions {
        let json = serde_json::to_string(action).map_err(|error| error.to_string())?;
        lines.push(format!("{}- {json}", " ".repeat(ENTRY_INDENT)));
    }
    for entry in entries {
        lines.push(String::new());
        lines.extend(entry.lines().map(str::to_owned));
    }
    Ok(lines.join(newline) + newline)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRY: &str = "  # TODO review\n  - action: b\n    summary: { zh: 乙, en: B }\n";

    fn appended(existing: &str) -> String {
        append(existing, &[ENTRY.to_owned()]).unwrap()
    }

    #[test]
    fn follows_the_file_s_indentation() {
        assert_eq!(
            appended("actions:\n- action: a\n  summary: { zh: 甲, en: A }\n"),
            "actions:\n- action: a\n  summary: { zh: 甲, en: A }\n\n# TODO review\n- action: b\n  summary: { zh: 乙, en: B }\n"
        );
        assert_eq!(
            appended("actions:\n    - action: a\n      summary: { zh: 甲, en: A }\n"),
            "actions:\n    - action: a\n      summary: { zh: 甲, en: A }\n\n    # TODO review\n    - action: b\n      summary: { zh: 乙, en: B }\n"
        );
    }

    #[test]
    fn keeps_crlf_comments_and_adds_the_missing_newline() {
        assert_eq!(
            appended("actions:\r\n  - action: a\r\n    summary: { zh: 甲, en: A }\r\n# the end"),
            "actions:\r\n  - action: a\r\n    summary: { zh: 甲, en: A }\r\n# the end\r\n\r\n  # TODO review\r\n  - action: b\r\n    summary: { zh: 乙, en: B }\r\n"
        );
    }

    #[test]
    fn an_empty_flow_list_becomes_a_block_list() {
        assert_eq!(
            appended("# ai actions\nactions: []  # none yet\n"),
            "# ai actions\nactions:\n\n  # TODO review\n  - action: b\n    summary: { zh: 乙, en: B }\n"
        );
    }

    #[test]
    fn a_flow_list_is_rewritten_keeping_its_entries() {
        let text = appended("{actions: [{action: a, summary: {zh: 甲, en: A}}]}");
        assert!(
            text.contains("actions:\n  - {\"action\":\"a\",\"summary\":{\"en\":\"A\",\"zh\":\"甲\"}}\n\n  # TODO review\n  - action: b\n"),
            "{text}"
        );
    }
}

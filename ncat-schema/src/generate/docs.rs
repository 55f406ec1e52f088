//! Rustdoc text for generated items.

use super::rust_type::{doc_type, example_argument};
use super::target::Target;
use crate::model::{Action, Field, GroupKind, Param, ParamGroup, Reply, Schema};
use crate::since::Since;

pub(super) use crate::rustdoc::attrs;

/// The one-line summary: Chinese, then English.
fn summary(action: &Action) -> String {
    format!("{} · {}", action.summary_zh, action.summary_en)
}

/// `NapCat 4.17.20` / `NapCat 4.12.0 or older`, for "since …".
fn since_release(since: Since) -> String {
    match since {
        Since::Release(version) => format!("NapCat {version}"),
        Since::AtOrBefore(version) => format!("NapCat {version} or older"),
    }
}

/// A default as it is written on the wire.
fn default_text(default: &serde_json::Value) -> String {
    format!("`{default}`")
}

/// Doc of a request field, a setter, or a reply field: the schema's doc,
/// the default, and the wire name when it differs from the Rust name.
pub(super) fn param_lines(param: &Param) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(doc) = &param.doc {
        lines.push(doc.clone());
    }
    if let Some(default) = &param.default {
        push_paragraph(
            &mut lines,
            format!("NapCat's default: {}.", default_text(default)),
        );
    }
    if param.rust_name != param.wire_name {
        push_paragraph(&mut lines, format!("Wire name: `{}`.", param.wire_name));
    }
    if let Some(since) = param.since {
        push_paragraph(&mut lines, format!("Since {}.", since_release(since)));
    }
    lines
}

/// Doc of a reply or shared-struct field.
pub(super) fn field_lines(field: &Field) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(doc) = &field.doc {
        lines.push(doc.clone());
    }
    if field.rust_name != field.wire_name {
        push_paragraph(&mut lines, format!("Wire name: `{}`.", field.wire_name));
    }
    if let Some(since) = field.since {
        push_paragraph(&mut lines, format!("Since {}.", since_release(since)));
    }
    lines
}

fn push_paragraph(lines: &mut Vec<String>, text: String) {
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(text);
}

/// The full documentation of a client method.
pub(super) fn method_lines(action: &Action, target: Target<'_>) -> Vec<String> {
    let request = action.request_type_name();
    let mut lines = vec![
        summary(action),
        String::new(),
        format!(
            "Calls NapCat's `{}` action with a [`{request}`]({}).",
            action.wire_name,
            target.action_type_doc(&request)
        ),
    ];
    if let Some(since) = action.since {
        lines.push(String::new());
        lines.push(format!("Since {}.", since_release(since)));
    }
    if let Some(deprecated) = &action.deprecated {
        lines.push(String::new());
        lines.push(format!("**Deprecated:** {deprecated}"));
    }
    if let Some(description) = &action.description {
        lines.push(String::new());
        lines.extend(description.lines().map(str::to_owned));
    }
    let required: Vec<&Param> = action.required_params().collect();
    if !required.is_empty() {
        lines.extend(["".into(), "# Arguments".into(), String::new()]);
        lines.extend(
            required
                .iter()
                .map(|param| param_item(param, &format!("`{}`", param.rust_name), target)),
        );
    }
    let optional: Vec<&Param> = action.optional_params().collect();
    if !optional.is_empty() {
        lines.extend([
            "".into(),
            "# Optional parameters".into(),
            String::new(),
            format!("Set these on the returned {} before awaiting it; unset ones are left out of the request, so NapCat applies its default.", returned_call(action, target)),
            String::new(),
        ]);
        lines.extend(
            optional
                .iter()
                .map(|param| param_item(param, &format!("`.{}(…)`", param.rust_name), target)),
        );
    }
    if !action.groups.is_empty() {
        lines.extend(["".into(), "# Parameter rules".into(), String::new()]);
        lines.extend(
            action
                .groups
                .iter()
                .map(|group| group_item(action, group, target)),
        );
    }
    lines.extend(["".into(), "# Reply".into(), String::new()]);
    lines.extend(reply_lines(action, target));
    lines.extend(["".into(), "# Example".into(), String::new()]);
    lines.extend(example_lines(action, target));
    lines
}

/// `- name (type): doc Default: `x`.` on one line.
fn param_item(param: &Param, name: &str, target: Target<'_>) -> String {
    let mut item = format!("- {name}: {}", doc_type(&param.ty, target));
    if let Some(doc) = &param.doc {
        item.push_str(" — ");
        item.push_str(&doc.replace('\n', " "));
    }
    let mut notes = Vec::new();
    if let Some(default) = &param.default {
        notes.push(format!("NapCat's default: {}", default_text(default)));
    }
    if param.rust_name != param.wire_name {
        notes.push(format!("wire name `{}`", param.wire_name));
    }
    if let Some(since) = param.since {
        notes.push(format!("since {}", since_release(since)));
    }
    if !notes.is_empty() {
        item.push_str(&format!(" ({})", notes.join("; ")));
    }
    item
}

/// `- Exactly one of `.a(…)`, `.b(…)` must be set …` on one line.
fn group_item(action: &Action, group: &ParamGroup, target: Target<'_>) -> String {
    let setters: Vec<String> = group
        .params
        .iter()
        .filter_map(|wire| action.params.iter().find(|param| param.wire_name == *wire))
        .map(|param| format!("`.{}(…)`", param.rust_name))
        .collect();
    let rule = match group.kind {
        GroupKind::ExactlyOne => "Exactly one",
        GroupKind::AtLeastOne => "At least one",
    };
    format!(
        "- {rule} of {} must be set; otherwise the call fails with [`Error::InvalidParams`]({}) before anything is sent.",
        setters.join(", "),
        target.runtime_item_doc("Error::InvalidParams")
    )
}

/// `- name: type — doc (optional)` on one line.
fn field_item(field: &Field, target: Target<'_>) -> String {
    let mut item = format!("- `{}`: {}", field.rust_name, doc_type(&field.ty, target));
    if let Some(doc) = &field.doc {
        item.push_str(" — ");
        item.push_str(&doc.replace('\n', " "));
    }
    let mut notes = Vec::new();
    if field.optional {
        notes.push("optional".to_owned());
    }
    if let Some(since) = field.since {
        notes.push(format!("since {}", since_release(since)));
    }
    if !notes.is_empty() {
        item.push_str(&format!(" ({})", notes.join("; ")));
    }
    item
}

/// The type the client method returns, as a rustdoc link.
fn returned_call(action: &Action, target: Target<'_>) -> String {
    match action.reply {
        Reply::Frames { .. } => format!(
            "[`StreamCall`]({})",
            target.runtime_item_doc("stream::StreamCall")
        ),
        _ => format!("[`Call`]({})", target.runtime_item_doc("Call")),
    }
}

fn reply_lines(action: &Action, target: Target<'_>) -> Vec<String> {
    let mut lines = reply_type_lines(action, target);
    if let Some(example) = &action.reply_example {
        // `Value` always serializes.
        let pretty = serde_json::to_string_pretty(example).unwrap_or_default();
        lines.extend([
            "".into(),
            "NapCat answers, for example:".into(),
            String::new(),
        ]);
        lines.push("```json".into());
        lines.extend(pretty.lines().map(str::to_owned));
        lines.push("```".into());
    }
    lines
}

fn reply_type_lines(action: &Action, target: Target<'_>) -> Vec<String> {
    match &action.reply {
        Reply::Frames { ty, doc } => {
            let mut lines = vec![format!(
                "Resolves to a [`FrameStream`]({}) of {}: NapCat answers with several frames under one echo, over HTTP and WebSocket alike, and the stream ends after the final one.",
                target.runtime_item_doc("stream::FrameStream"),
                doc_type(ty, target)
            )];
            if let Some(doc) = doc {
                lines.push(doc.clone());
            }
            lines
        }
        Reply::Nothing => vec!["Resolves to `()`: NapCat sends no data for this action.".into()],
        Reply::Type { ty, doc, optional } => {
            let mut lines = vec![if *optional {
                format!(
                    "Resolves to an `Option` of {}: `None` when NapCat sends no data (`null`).",
                    doc_type(ty, target)
                )
            } else {
                format!("Resolves to {}.", doc_type(ty, target))
            }];
            if let Some(doc) = doc {
                lines.push(doc.clone());
            }
            lines
        }
        Reply::Fields { doc, fields } => {
            let reply = action.reply_type_name();
            let mut lines = vec![format!(
                "Resolves to a [`{reply}`]({}).",
                target.action_type_doc(&reply)
            )];
            if let Some(doc) = doc {
                lines.push(doc.clone());
            }
            lines.push(String::new());
            lines.extend(fields.iter().map(|field| field_item(field, target)));
            lines
        }
    }
}

/// A `no_run` example calling the method with every required argument and
/// the first optional setter.
fn example_lines(action: &Action, target: Target<'_>) -> Vec<String> {
    let arguments: Vec<String> = action
        .required_params()
        .map(|param| example_argument(&param.ty, target))
        .collect();
    let mut call = format!("client.{}({})", action.rust_name, arguments.join(", "));
    if let Some(param) = action.optional_params().next() {
        call.push_str(&format!(
            ".{}({})",
            param.rust_name,
            example_argument(&param.ty, target)
        ));
    }
    let statement = match action.reply {
        Reply::Nothing => format!("{call}.await?;"),
        Reply::Frames { .. } => format!(
            "let mut frames = {call}.await?;\nwhile let Some(frame) = frames.next().await {{\n    println!(\"{{:?}}\", frame?);\n}}"
        ),
        _ => format!("let reply = {call}.await?;\nprintln!(\"{{reply:?}}\");"),
    };
    let allow = if action.deprecated.is_some() {
        "# #![allow(deprecated)]\n"
    } else {
        ""
    };
    // An extension's example would need its module's traits in scope,
    // which only the bot knows: shown, not compiled.
    let fence = if target.is_extension() {
        "ignore"
    } else {
        "no_run"
    };
    let code = format!(
        "```{fence}\n{allow}# async fn example(client: &ncat_api::Client) -> Result<(), ncat_api::Error> {{\n{statement}\n# Ok(())\n# }}\n```"
    );
    code.lines().map(str::to_owned).collect()
}

/// Doc of the request struct.
pub(super) fn request_lines(action: &Action, target: Target<'_>) -> Vec<String> {
    let send = if matches!(action.reply, Reply::Frames { .. }) {
        "stream"
    } else {
        "call"
    };
    vec![
        format!(
            "Parameters of NapCat's `{}` action: {}",
            action.wire_name,
            summary(action)
        ),
        String::new(),
        format!(
            "Usually built by [`Client::{0}`]({1}); send it yourself with [`Client::{send}`]({2}).",
            action.rust_name,
            target.method_doc(&action.rust_name),
            target.runtime_item_doc(&format!("Client::{send}")),
        ),
    ]
}

/// Doc of an alias method.
pub(super) fn alias_lines(action: &Action, alias: &str, target: Target<'_>) -> Vec<String> {
    vec![
        format!(
            "{} (alias of [`Client::{}`]({})).",
            summary(action),
            action.rust_name,
            target.method_doc(&action.rust_name)
        ),
        String::new(),
        format!(
            "`{alias}` is another name for NapCat's `{}` action, kept so code written against other clients (such as ncatbot) reads the same.",
            action.wire_name
        ),
    ]
}

/// Doc of an inline reply struct.
pub(super) fn reply_struct_lines(action: &Action) -> Vec<String> {
    let mut lines = vec![format!("Reply of NapCat's `{}` action.", action.wire_name)];
    if let Reply::Fields { doc: Some(doc), .. } = &action.reply {
        lines.push(String::new());
        lines.push(doc.clone());
    }
    lines
}

/// The index of every action by category, for the `actions` module: the
/// `Client` page lists its methods alphabetically, which hides what
/// belongs together.
pub(super) fn index_lines(schema: &Schema) -> Vec<String> {
    let mut categories: Vec<&str> = Vec::new();
    for action in &schema.actions {
        if !categories.contains(&action.category.as_str()) {
            categories.push(&action.category);
        }
    }
    let mut lines = vec![
        "# Every action by category".to_owned(),
        String::new(),
        format!(
            "{} actions; each links to its [`Client`] method, or one per form.",
            schema.actions.len()
        ),
    ];
    for category in categories {
        lines.extend([
            String::new(),
            format!("## {category}"),
            String::new(),
            "| method | 中文 | English |".into(),
            "|---|---|---|".into(),
        ]);
        let actions = schema
            .actions
            .iter()
            .filter(|action| action.category == category);
        lines.extend(actions.map(|action| {
            let deprecated = if action.deprecated.is_some() {
                " (deprecated)"
            } else {
                ""
            };
            // An action with several forms has a method per form.
            let methods: Vec<&str> = if action.variants.is_empty() {
                vec![&action.rust_name]
            } else {
                action
                    .variants
                    .iter()
                    .map(|variant| variant.rust_name.as_str())
                    .collect()
            };
            let links = methods
                .iter()
                .map(|method| format!("[`{method}`](crate::Client::{method})"))
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "| {links}{deprecated} | {} | {} |",
                table_cell(&action.summary_zh),
                table_cell(&action.summary_en)
            )
        }));
    }
    lines
}

/// Text that cannot break a Markdown table row.
fn table_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

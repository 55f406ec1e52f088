//! `events.yaml` checked: every name, type, dispatch key and `use` resolved,
//! each problem reported at its `file:line:col`.

use std::collections::{HashMap, HashSet};

use serde_saphyr::Spanned;

use super::{EventDef, EventField, EventSchema, OpenEnum, PostType, raw};
use crate::diagnostic::Diagnostic;
use crate::naming::{is_keyword, is_pascal_case, is_snake_case, pascal_case};
use crate::since::Since;
use crate::source::SourceFile;
use crate::ty::{IntType, TypeExpr};

/// The fields every event has, from the `event` base, in this order.
const BASE: [&str; 2] = ["time", "self_id"];

/// Keys that choose the variant: never fields, except `sub_type` where it
/// does not choose one.
const TAGS: [&str; 5] = [
    "post_type",
    "message_type",
    "notice_type",
    "request_type",
    "meta_event_type",
];

struct Report<'a> {
    source: &'a SourceFile,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Report<'_> {
    fn at<T>(&mut self, at: &Spanned<T>, message: String) {
        self.diagnostics.push(Diagnostic::at(
            &self.source.path,
            &self.source.text,
            at.referenced.line(),
            at.referenced.column(),
            message,
        ));
    }
}

pub(super) fn validate(
    source: &SourceFile,
    file: raw::EventsFile,
    external: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> EventSchema {
    let mut report = Report {
        source,
        diagnostics,
    };
    let mut type_names: HashSet<String> = external.iter().cloned().collect();
    let mut hooks = Vec::new();
    for hook in &file.hooks {
        if claim_type(&hook.name, &mut type_names, &mut report) {
            hooks.push(hook.name.value.clone());
        }
    }
    let mut enums = Vec::new();
    for raw_enum in &file.enums {
        if claim_type(&raw_enum.name, &mut type_names, &mut report) {
            enums.push(open_enum(raw_enum, &mut report));
        }
    }
    for event in &file.events {
        claim_type(&event.name, &mut type_names, &mut report);
    }

    let mut shared = HashMap::new();
    for field in &file.fields {
        if let Some(uses) = &field.uses {
            report.at(
                uses,
                "a shared field is defined here: `use` it in an event".into(),
            );
            continue;
        }
        if let Some(checked) = defined_field(field, &type_names, &mut report) {
            let name = field.name.as_ref().map(|name| name.value.clone());
            if shared.insert(name.unwrap_or_default(), checked).is_some()
                && let Some(name) = &field.name
            {
                report.at(
                    name,
                    format!("shared field `{}` is defined twice", name.value),
                );
            }
        }
    }
    let base: Vec<EventField> = BASE
        .iter()
        .map(|name| {
            shared.get(*name).cloned().unwrap_or_else(|| {
                // Documented, so a file that leaves the base out (a bot's
                // extension) still generates documented fields.
                let (ty, doc) = if *name == "time" {
                    (
                        TypeExpr::Int(IntType::I64),
                        "发生时间（Unix 秒）/ When it happened, in Unix seconds.",
                    )
                } else {
                    (
                        TypeExpr::UserId,
                        "收到事件的机器人账号 / The bot account that got the event.",
                    )
                };
                EventField {
                    name: (*name).to_owned(),
                    ty,
                    optional: false,
                    default: false,
                    doc: Some(doc.to_owned()),
                    since: None,
                }
            })
        })
        .collect();

    let mut events = Vec::new();
    let mut keys = HashMap::new();
    let mut variants = HashSet::new();
    for event in &file.events {
        if let Some(checked) = event_def(event, &base, &shared, &type_names, &mut report) {
            let key = (
                checked.post_type,
                checked.kind.clone(),
                checked.sub_type.clone(),
            );
            if keys.insert(key, ()).is_some() {
                report.at(
                    &event.kind,
                    format!(
                        "another event already has {} `{}`{}",
                        checked.post_type.kind_key(),
                        checked.kind,
                        checked
                            .sub_type
                            .as_ref()
                            .map(|sub| format!(" with sub_type `{sub}`"))
                            .unwrap_or_default()
                    ),
                );
            }
            if !variants.insert((checked.post_type, checked.variant.clone())) {
                let at = event.variant.as_ref().unwrap_or(&event.name);
                report.at(
                    at,
                    format!(
                        "`{}::{}` is already another event's variant; give this one `variant:`",
                        checked.post_type.enum_name(),
                        checked.variant
                    ),
                );
            }
            events.push(checked);
        }
    }
    EventSchema {
        file: source.path.clone(),
        hooks,
        enums,
        events,
    }
}

/// Records a type name; `false` (reported) if it is taken or misshapen.
fn claim_type(
    name: &Spanned<String>,
    taken: &mut HashSet<String>,
    report: &mut Report<'_>,
) -> bool {
    if !is_pascal_case(&name.value) {
        report.at(
            name,
            format!("type name `{}` must be PascalCase", name.value),
        );
        return false;
    }
    if !taken.insert(name.value.clone()) {
        report.at(
            name,
            format!("type `{}` is defined twice (or is ncat's own)", name.value),
        );
        return false;
    }
    true
}

fn open_enum(raw_enum: &raw::Enum, report: &mut Report<'_>) -> OpenEnum {
    let mut values = Vec::new();
    let mut seen = HashSet::new();
    if raw_enum.values.is_empty() {
        report.at(
            &raw_enum.name,
            format!("enum `{}` has no values", raw_enum.name.value),
        );
    }
    for value in &raw_enum.values {
        let rust = value.rust_name.as_ref().map_or_else(
            || pascal_case(&value.value.value),
            |name| name.value.clone(),
        );
        if value.value.value.is_empty() {
            report.at(&value.value, "an enum value cannot be empty".into());
        } else if !is_pascal_case(&rust) || rust == "Unrecognized" {
            let at = value.rust_name.as_ref().unwrap_or(&value.value);
            report.at(
                at,
                format!(
                    "`{rust}` cannot be a variant name; give the value a PascalCase `rust_name`"
                ),
            );
        } else if !seen.insert(rust.clone()) {
            report.at(&value.value, format!("variant `{rust}` is defined twice"));
        } else {
            values.push((value.value.value.clone(), rust, value.doc.clone()));
        }
    }
    OpenEnum {
        name: raw_enum.name.value.clone(),
        doc: raw_enum.doc.clone(),
        values,
    }
}

fn since(text: &Option<Spanned<String>>, report: &mut Report<'_>) -> Option<Since> {
    let text = text.as_ref()?;
    let since = Since::parse(&text.value);
    if since.is_none() {
        report.at(
            text,
            format!(
                "`{}` is not a release: write `4.17.20` or `<=4.12.0`",
                text.value
            ),
        );
    }
    since
}

/// A field with its own `name` and `type`.
fn defined_field(
    field: &raw::Field,
    types: &HashSet<String>,
    report: &mut Report<'_>,
) -> Option<EventField> {
    let (Some(name), Some(ty)) = (&field.name, &field.ty) else {
        let at = field.name.as_ref().or(field.ty.as_ref())?;
        report.at(
            at,
            "a field needs both `name` and `type` (or `use` alone)".into(),
        );
        return None;
    };
    if !is_snake_case(&name.value) || is_keyword(&name.value) {
        report.at(
            name,
            format!(
                "field name `{}` must be snake_case and not a Rust keyword",
                name.value
            ),
        );
        return None;
    }
    if TAGS.contains(&name.value.as_str()) {
        report.at(
            name,
            format!("`{}` chooses the event; it cannot be a field", name.value),
        );
        return None;
    }
    if field.optional && field.default {
        report.at(name, "a field is `optional` or `default`, not both".into());
    }
    let parsed = match TypeExpr::parse(&ty.value) {
        Ok(parsed) => parsed,
        Err(error) => {
            report.at(ty, error.to_string());
            return None;
        }
    };
    if let Some(problem) = unsupported(&parsed, types) {
        report.at(ty, problem);
        return None;
    }
    Some(EventField {
        name: name.value.clone(),
        ty: parsed,
        optional: field.optional,
        default: field.default,
        doc: field.doc.clone(),
        since: since(&field.since, report),
    })
}

/// Why an event field cannot have this type, if it cannot.
fn unsupported(ty: &TypeExpr, types: &HashSet<String>) -> Option<String> {
    match ty {
        TypeExpr::Message | TypeExpr::DownloadFrame | TypeExpr::Union(_) => Some(format!(
            "`{ty}` is not an event field type; events receive `ReceivedMessage`"
        )),
        TypeExpr::List(inner) => unsupported(inner, types),
        TypeExpr::Named(name) if !types.contains(name) => Some(format!(
            "unknown type `{name}`: define it under `enums`, or name a hand-written type under `hooks`"
        )),
        _ => None,
    }
}

fn event_def(
    event: &raw::Event,
    base: &[EventField],
    shared: &HashMap<String, EventField>,
    types: &HashSet<String>,
    report: &mut Report<'_>,
) -> Option<EventDef> {
    let Some(&(_, post_type)) = PostType::ALL
        .iter()
        .find(|(wire, _)| *wire == event.post_type.value)
    else {
        report.at(
            &event.post_type,
            format!(
                "unknown post_type `{}`; expected message, notice, request or meta_event \
                 (`message_sent` events have the `message` shapes)",
                event.post_type.value
            ),
        );
        return None;
    };
    if !is_snake_case(&event.kind.value) {
        report.at(
            &event.kind,
            format!("kind `{}` must be snake_case", event.kind.value),
        );
    }
    let notify = post_type == PostType::Notice && event.kind.value == "notify";
    match (&event.sub_type, notify) {
        (None, true) => report.at(
            &event.kind,
            "a `notify` notice is chosen by its `sub_type`: add `sub_type:`".into(),
        ),
        (Some(sub_type), false) => report.at(
            sub_type,
            "only `notify` notices are chosen by `sub_type`; make it a field".into(),
        ),
        _ => {}
    }
    let mut fields: Vec<EventField> = base.to_vec();
    for field in &event.fields {
        let checked = match &field.uses {
            Some(uses) => {
                if field.name.is_some() || field.ty.is_some() {
                    report.at(
                        uses,
                        "a `use` field takes only `doc` and `since` besides".into(),
                    );
                }
                let Some(found) = shared.get(&uses.value) else {
                    report.at(
                        uses,
                        format!("no shared field `{}` under `fields`", uses.value),
                    );
                    continue;
                };
                let mut found = found.clone();
                found.doc = field.doc.clone().or(found.doc);
                found.since = since(&field.since, report).or(found.since);
                found
            }
            None => match defined_field(field, types, report) {
                Some(checked) => checked,
                None => continue,
            },
        };
        let at = field.name.as_ref().or(field.uses.as_ref());
        if checked.name == "sub_type" && notify {
            if let Some(at) = at {
                report.at(
                    at,
                    "this notice is chosen by `sub_type`; it cannot also be a field".into(),
                );
            }
            continue;
        }
        if fields.iter().any(|seen| seen.name == checked.name) {
            if let Some(at) = at {
                let what = if BASE.contains(&checked.name.as_str()) {
                    "comes from the event base already"
                } else {
                    "is listed twice"
                };
                report.at(at, format!("field `{}` {what}", checked.name));
            }
            continue;
        }
        fields.push(checked);
    }
    let variant = event
        .variant
        .as_ref()
        .map_or_else(|| event.name.value.clone(), |variant| variant.value.clone());
    if !is_pascal_case(&variant) {
        let at = event.variant.as_ref().unwrap_or(&event.name);
        report.at(at, format!("variant `{variant}` must be PascalCase"));
    }
    Some(EventDef {
        name: event.name.value.clone(),
        variant,
        post_type,
        kind: event.kind.value.clone(),
        sub_type: event.sub_type.as_ref().map(|sub| sub.value.clone()),
        summary_zh: event.summary.zh.clone(),
        summary_en: event.summary.en.clone(),
        since: since(&event.since, report),
        fields,
    })
}

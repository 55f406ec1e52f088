//! Comparing the schema with a NapCat export.
//!
//! What counts as a difference, beyond the type rules of [`crate::mapping`]:
//!
//! - A parameter is required when NapCat lists it in `required` **and**
//!   gives it no default: NapCat's "required with a default" is our
//!   "optional with a default". A default only the schema declares is not a
//!   difference (NapCat's export leaves out many defaults its handlers
//!   apply); one NapCat declares must be ours too.
//! - A reply field is a difference only when the schema requires it and
//!   NapCat may leave it out or send `null`; a field the schema makes
//!   optional is compatible with anything.
//! - NapCat's `deprecated: true` must be mirrored by a `deprecated` note;
//!   a note NapCat's export does not have (it never sets the flag, though its
//!   handlers deprecate some names) is not a difference.
//! - A reply NapCat does not describe (`{}`, an object without properties)
//!   matches any reply. A reply NapCat may send as `null` must be
//!   `optional` (or `json`); an optional reply fits a reply that is never
//!   `null` too.
//! - An action with request variants is compared through its merged
//!   parameter list (every form's parameters; required only when every form
//!   requires it), which is how NapCat's export flattens a union payload.

use std::collections::BTreeMap;

use ncat_schema::model::{Action, Field, Param, Reply, Schema, SharedTypeKind};
use ncat_schema::{Since, Version};

use crate::category;
use crate::drift::{
    Change, ChangeKind, ChangedAction, ChangedSegment, ChangedType, Drift, NewAction, NewSegment,
    RemovedAction,
};
use crate::mapping::{Matcher, Side};
use crate::names::loose;
use crate::openapi::shape::{Prop, Shape};
use crate::openapi::{Document, Operation};

/// Every difference between `schema` and `document`.
pub fn diff(schema: &Schema, document: &Document) -> Drift {
    let ours: BTreeMap<&str, &Action> = schema
        .actions
        .iter()
        .map(|action| (action.wire_name.as_str(), action))
        .collect();
    let new: Vec<NewAction> = document
        .actions
        .iter()
        .filter(|(name, _)| !ours.contains_key(name.as_str()))
        .map(|(name, operation)| NewAction {
            action: name.clone(),
            category: category::guess(name, &operation.tags).map(str::to_owned),
            summary: operation.summary.clone(),
            deprecated: operation.deprecated,
        })
        .collect();
    let removed = ours
        .iter()
        .filter(|(name, _)| !document.actions.contains_key(**name))
        .map(|(name, action)| RemovedAction {
            action: (*name).to_owned(),
            category: action.category.clone(),
            renamed_to: new
                .iter()
                .find(|candidate| loose(&candidate.action) == loose(name))
                .map(|candidate| candidate.action.clone()),
        })
        .collect();
    let mut matcher = Matcher::new(schema);
    let export_version = Version::parse(&document.version);
    let changed = document
        .actions
        .iter()
        .filter_map(|(name, operation)| {
            let action = ours.get(name.as_str())?;
            let changes = compare_action(action, operation, export_version, &mut matcher);
            (!changes.is_empty()).then(|| ChangedAction {
                action: name.clone(),
                category: action.category.clone(),
                changes,
            })
        })
        .collect();
    let (new_segments, changed_segments) = compare_segments(schema, document);
    Drift {
        napcat_version: document.version.clone(),
        new,
        removed,
        changed,
        changed_types: compare_pairings(&mut matcher),
        new_segments,
        changed_segments,
    }
}

/// NapCat's segment kinds against `segments.yaml`: kinds only NapCat
/// declares, and for kinds ncat sends, the keys only one side has. Skipped
/// when either side has no segments (a schema without `segments.yaml`, an
/// export before NapCat declared them). Kinds ncat describes but does not
/// send (`poke`, `xml`: NapCat drops them) are not compared: NapCat's
/// declaration is what it would read.
fn compare_segments(
    schema: &Schema,
    document: &Document,
) -> (Vec<NewSegment>, Vec<ChangedSegment>) {
    if schema.segments.is_empty() || document.segments.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut new = Vec::new();
    let mut changed = Vec::new();
    for (kind, declared) in &document.segments {
        let Some(ours) = schema.segments.iter().find(|ours| ours.kind == *kind) else {
            new.push(NewSegment {
                kind: kind.clone(),
                napcat: declared.schemas.clone(),
                fields: declared
                    .props
                    .iter()
                    .map(|prop| format!("{}: {}", prop.name, describe_prop(prop)))
                    .collect(),
            });
            continue;
        };
        let Some(send) = &ours.send else { continue };
        let keys = send.keys();
        let mut changes: Vec<Change> = declared
            .props
            .iter()
            .filter(|prop| !keys.contains(&prop.name.as_str()))
            .map(|prop| {
                change(
                    ChangeKind::FieldAdded,
                    &prop.name,
                    None,
                    Some(describe_prop(prop)),
                )
            })
            .chain(
                send.fields
                    .iter()
                    .filter(|field| {
                        std::iter::once(&field.wire_name)
                            .chain(&field.aliases)
                            .all(|key| declared.props.iter().all(|prop| prop.name != *key))
                    })
                    .map(|field| {
                        let required = if field.required {
                            "required"
                        } else {
                            "optional"
                        };
                        change(
                            ChangeKind::FieldRemoved,
                            &field.wire_name,
                            Some(format!("{}, {required}", field.ty)),
                            None,
                        )
                    }),
            )
            .collect();
        changes.sort();
        if !changes.is_empty() {
            changed.push(ChangedSegment {
                kind: kind.clone(),
                napcat: declared.schemas.clone(),
                changes,
            });
        }
    }
    (new, changed)
}

fn compare_action(
    action: &Action,
    operation: &Operation,
    export_version: Option<Version>,
    matcher: &mut Matcher<'_>,
) -> Vec<Change> {
    let mut changes = Vec::new();
    if operation.deprecated && action.deprecated.is_none() {
        changes.push(change(
            ChangeKind::Deprecated,
            "",
            Some("not deprecated".into()),
            Some("deprecated".into()),
        ));
    }
    compare_params(action, &operation.params, matcher, &mut changes);
    compare_reply(action, &operation.reply, matcher, &mut changes);
    if let Some(export_version) = export_version {
        compare_since(action, operation, export_version, &mut changes);
    }
    changes.sort();
    changes
}

/// The action, and each parameter and inline reply field NapCat's export
/// has, against its `since`: an export of an earlier release that has it
/// proves `since` wrong. (`<=4.12.0`, "or older", never is.)
fn compare_since(
    action: &Action,
    operation: &Operation,
    export_version: Version,
    changes: &mut Vec<Change>,
) {
    let mut check = |name: &str, since: Option<Since>| {
        if let Some(Since::Release(since)) = since
            && export_version < since
        {
            changes.push(change(
                ChangeKind::Since,
                name,
                Some(since.to_string()),
                Some(export_version.to_string()),
            ));
        }
    };
    check("", action.since);
    for param in &action.params {
        if operation
            .params
            .iter()
            .any(|prop| prop.name == param.wire_name)
        {
            check(&param.wire_name, param.since);
        }
    }
    if let (Reply::Fields { fields, .. }, Shape::Object(object)) = (&action.reply, &operation.reply)
    {
        for field in fields {
            if object.props.iter().any(|prop| prop.name == field.wire_name) {
                check(&field.wire_name, field.since);
            }
        }
    }
}

fn compare_params(
    action: &Action,
    theirs: &[Prop],
    matcher: &mut Matcher<'_>,
    changes: &mut Vec<Change>,
) {
    let params = action.merged_params();
    for prop in theirs {
        if !params.iter().any(|param| param.wire_name == prop.name) {
            changes.push(change(
                ChangeKind::ParamAdded,
                &prop.name,
                None,
                Some(describe_prop(prop)),
            ));
        }
    }
    for param in &params {
        let Some(prop) = theirs.iter().find(|prop| prop.name == param.wire_name) else {
            changes.push(change(
                ChangeKind::ParamRemoved,
                &param.wire_name,
                Some(describe_param(param)),
                None,
            ));
            continue;
        };
        let name = &param.wire_name;
        if !matcher.matches(&param.ty, &prop.shape, Side::Param, &action.wire_name) {
            changes.push(change(
                ChangeKind::ParamType,
                name,
                Some(param.ty.to_string()),
                Some(prop.shape.describe()),
            ));
        }
        let napcat_required = prop.required && prop.default.is_none();
        if param.required != napcat_required {
            changes.push(change(
                ChangeKind::ParamRequired,
                name,
                Some(required_word(param.required).into()),
                Some(required_word(napcat_required).into()),
            ));
        } else if let Some(default) = &prop.default
            && !param.required
            && !same_default(param.default.as_ref(), default)
        {
            changes.push(change(
                ChangeKind::ParamDefault,
                name,
                Some(
                    param
                        .default
                        .as_ref()
                        .map_or_else(|| "none".into(), ToString::to_string),
                ),
                Some(default.to_string()),
            ));
        }
    }
}

fn compare_reply(
    action: &Action,
    theirs: &Shape,
    matcher: &mut Matcher<'_>,
    changes: &mut Vec<Change>,
) {
    let undeclared = match theirs {
        Shape::Any => true,
        Shape::Object(object) => object.is_undeclared(),
        _ => false,
    };
    let nullable = matches!(theirs, Shape::Union(members) if members.contains(&Shape::Null));
    let fits = undeclared
        || match (&action.reply, theirs) {
            (Reply::Nothing, Shape::Null)
            | (
                Reply::Type {
                    ty: ncat_schema::TypeExpr::Json,
                    ..
                },
                _,
            ) => true,
            (Reply::Nothing, _) => false,
            (Reply::Type { optional, .. }, _) if nullable && !optional => false,
            (Reply::Type { ty, .. }, _) => {
                matcher.matches(ty, &theirs.non_null(), Side::Reply, &action.wire_name)
            }
            (Reply::Fields { fields, .. }, Shape::Object(object)) => {
                changes.extend(compare_fields(
                    fields,
                    &object.props,
                    Side::Reply,
                    &action.wire_name,
                    matcher,
                ));
                true
            }
            (Reply::Fields { .. }, _) => false,
            // An OpenAPI reply describes one body; a stream action's frames
            // cannot be declared there, so nothing is compared.
            (Reply::Frames { .. }, _) => true,
        };
    if !fits {
        changes.push(change(
            ChangeKind::ReplyType,
            "",
            Some(describe_reply(&action.reply)),
            Some(theirs.describe()),
        ));
    }
}

/// The fields of a reply or a shared struct against NapCat's properties.
fn compare_fields(
    ours: &[Field],
    theirs: &[Prop],
    side: Side,
    used_by: &str,
    matcher: &mut Matcher<'_>,
) -> Vec<Change> {
    let mut changes = Vec::new();
    for prop in theirs {
        if !ours.iter().any(|field| field.wire_name == prop.name) {
            changes.push(change(
                ChangeKind::FieldAdded,
                &prop.name,
                None,
                Some(describe_prop(prop)),
            ));
        }
    }
    for field in ours {
        let Some(prop) = theirs.iter().find(|prop| prop.name == field.wire_name) else {
            changes.push(change(
                ChangeKind::FieldRemoved,
                &field.wire_name,
                Some(describe_field(field)),
                None,
            ));
            continue;
        };
        let field_side = match side {
            Side::Param => Side::Param,
            Side::Reply | Side::Field => Side::Field,
        };
        if !matcher.matches(&field.ty, &prop.shape.non_null(), field_side, used_by) {
            changes.push(change(
                ChangeKind::FieldType,
                &field.wire_name,
                Some(field.ty.to_string()),
                Some(prop.shape.describe()),
            ));
        }
        let napcat_required = prop.required && !prop.nullable();
        let risky = match side {
            Side::Reply | Side::Field => !field.optional && !napcat_required,
            Side::Param => field.optional && napcat_required,
        };
        if risky {
            changes.push(change(
                ChangeKind::FieldRequired,
                &field.wire_name,
                Some(required_word(!field.optional).into()),
                Some(
                    if prop.nullable() {
                        "nullable"
                    } else {
                        required_word(napcat_required)
                    }
                    .into(),
                ),
            ));
        }
    }
    changes.sort();
    changes
}

/// Compares every struct pairing met so far, including those met while
/// comparing (a struct inside a struct), then reports the ones that differ.
fn compare_pairings(matcher: &mut Matcher<'_>) -> Vec<ChangedType> {
    let mut results = Vec::new();
    let mut index = 0;
    while let Some(pairing) = matcher.pairings().get(index).cloned() {
        let changes = match matcher.shared(&pairing.ours).map(|shared| &shared.kind) {
            Some(SharedTypeKind::Struct(fields)) => compare_fields(
                fields,
                &pairing.theirs.props,
                pairing.side,
                &pairing.ours,
                matcher,
            ),
            _ => Vec::new(),
        };
        results.push(changes);
        index += 1;
    }
    let mut changed: Vec<ChangedType> = matcher
        .pairings()
        .iter()
        .zip(results)
        .filter(|(_, changes)| !changes.is_empty())
        .map(|(pairing, changes)| ChangedType {
            ty: pairing.ours.clone(),
            napcat: Shape::Object(pairing.theirs.clone()).describe(),
            used_by: pairing.used_by.iter().cloned().collect(),
            changes,
        })
        .collect();
    changed.sort_by(|a, b| (&a.ty, &a.napcat).cmp(&(&b.ty, &b.napcat)));
    changed
}

fn change(kind: ChangeKind, name: &str, ours: Option<String>, napcat: Option<String>) -> Change {
    Change {
        kind,
        name: name.to_owned(),
        ours,
        napcat,
    }
}

fn required_word(required: bool) -> &'static str {
    if required { "required" } else { "optional" }
}

/// Whether our default is NapCat's, allowing for NapCat writing numbers and
/// booleans as strings (`"1"`, `"false"`).
fn same_default(ours: Option<&serde_json::Value>, theirs: &serde_json::Value) -> bool {
    use serde_json::Value;
    let Some(ours) = ours else {
        return false;
    };
    match (ours, theirs) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Number(_) | Value::Bool(_), Value::String(text)) => {
            serde_json::from_str::<Value>(text.trim())
                .is_ok_and(|parsed| !parsed.is_string() && same_default(Some(ours), &parsed))
        }
        _ => ours == theirs,
    }
}

fn describe_prop(prop: &Prop) -> String {
    let mut text = format!(
        "{}, {}",
        prop.shape.describe(),
        required_word(prop.required)
    );
    if let Some(default) = &prop.default {
        text.push_str(&format!(", default {default}"));
    }
    text
}

fn describe_param(param: &Param) -> String {
    let mut text = format!("{}, {}", param.ty, required_word(param.required));
    if let Some(default) = &param.default {
        text.push_str(&format!(", default {default}"));
    }
    text
}

fn describe_field(field: &Field) -> String {
    format!("{}, {}", field.ty, required_word(!field.optional))
}

fn describe_reply(reply: &Reply) -> String {
    match reply {
        Reply::Nothing => "nothing".into(),
        Reply::Type {
            ty, optional: true, ..
        } => format!("{ty}, optional"),
        Reply::Type { ty, .. } => ty.to_string(),
        Reply::Frames { ty, .. } => format!("frames of {ty}"),
        Reply::Fields { fields, .. } => format!(
            "fields {{{}}}",
            fields
                .iter()
                .map(|field| field.wire_name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ncat_schema::{SourceFile, load_sources};
    use serde_json::json;

    fn schema(group_yaml: &str) -> Schema {
        let types = "types:\n  - name: User\n    fields:\n      - { name: user_id, type: UserId }\n      - { name: nickname, type: string }\n";
        load_sources(&[
            SourceFile {
                path: "group.yaml".into(),
                text: group_yaml.into(),
            },
            SourceFile {
                path: "types.yaml".into(),
                text: types.into(),
            },
        ])
        .unwrap()
    }

    fn document(paths: serde_json::Value) -> Document {
        let user = json!({"type": "object", "properties": {
            "user_id": {"type": "number"}, "nickname": {"type": "string"}}, "required": ["user_id", "nickname"]});
        let text = json!({"openapi": "3.1.0", "info": {"version": "1.0"}, "paths": paths,
            "components": {"schemas": {"OB11User": user}}});
        Document::parse(&text.to_string()).unwrap()
    }

    fn post(
        params: serde_json::Value,
        required: &[&str],
        data: serde_json::Value,
    ) -> serde_json::Value {
        json!({"post": {"summary": "s", "tags": ["群组接口"],
            "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": params, "required": required}}}},
            "responses": {"200": {"content": {"application/json": {"schema": {"type": "object",
                "properties": {"status": {"type": "string"}, "data": data}}}}}}}})
    }

    #[test]
    fn defaults_written_as_strings_are_the_same() {
        assert!(same_default(Some(&json!(1)), &json!("1")));
        assert!(same_default(Some(&json!(false)), &json!("false")));
        assert!(same_default(Some(&json!(20)), &json!(20.0)));
        assert!(!same_default(Some(&json!(0)), &json!(1)));
        assert!(!same_default(None, &json!(1)));
    }

    #[test]
    fn renames_and_required_with_default() {
        let schema = schema(
            "actions:\n  - action: get_client_key\n    summary: { zh: a, en: a }\n  - action: set_x\n    summary: { zh: a, en: a }\n    params:\n      - { name: duration, type: u32, default: 0 }\n",
        );
        let document = document(json!({
            "/get_clientkey": post(json!({}), &[], json!({"type": "null"})),
            "/set_x": post(json!({"duration": {"anyOf": [{"type": "number"}, {"type": "string"}], "default": "0"}}), &["duration"], json!({"type": "null"})),
        }));
        let drift = diff(&schema, &document);
        assert_eq!(
            drift.removed[0].renamed_to.as_deref(),
            Some("get_clientkey")
        );
        assert_eq!(drift.new[0].category.as_deref(), Some("group"));
        assert!(drift.changed.is_empty(), "{:?}", drift.changed);
    }

    #[test]
    fn a_shared_type_difference_is_reported_once() {
        let schema = schema(
            "actions:\n  - action: a\n    summary: { zh: a, en: a }\n    reply: { type: User }\n  - action: b\n    summary: { zh: a, en: a }\n    reply: { type: list<User> }\n",
        );
        let user = json!({"$ref": "#/components/schemas/OB11User"});
        let mut document = document(json!({
            "/a": post(json!({}), &[], user.clone()),
            "/b": post(json!({}), &[], json!({"type": "array", "items": user})),
        }));
        let mut in_sync = diff(&schema, &document);
        assert!(in_sync.in_sync(), "{in_sync:?}");
        // NapCat adds a field to OB11User: one change, on the type.
        let Shape::Object(object) = &mut document.actions.get_mut("a").unwrap().reply else {
            panic!("not an object");
        };
        object.props.push(Prop {
            name: "age".into(),
            shape: Shape::Number,
            required: false,
            default: None,
            description: None,
        });
        in_sync = diff(&schema, &document);
        assert!(in_sync.changed.is_empty());
        assert_eq!(in_sync.changed_types.len(), 1);
        assert_eq!(in_sync.changed_types[0].used_by, ["a"]);
        assert_eq!(
            in_sync.changed_types[0].changes[0].kind,
            ChangeKind::FieldAdded
        );
    }

    #[test]
    fn variants_unions_and_optional_replies_match_napcat_merged_view() {
        let forms = "actions:\n  - action: get_ark\n    summary: { zh: a, en: a }\n    params:\n      - { name: title, type: string, required: true }\n      - { name: files, type: string | list<string> }\n    variants:\n      - name: template\n        params:\n          - { name: type, rust_name: kind, type: string, required: true }\n      - name: custom\n        params:\n          - { name: appId, rust_name: app_id, type: string, required: true }\n    reply: { type: string, optional: true }\n  - action: send_x\n    summary: { zh: a, en: a }\n    reply: { type: string }\n";
        let schema = schema(forms);
        let text = json!({"type": "string"});
        let nullable = json!({"anyOf": [{"type": "string"}, {"type": "null"}]});
        let document = document(json!({
            "/get_ark": post(json!({
                "title": text, "type": text, "appId": text,
                "files": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
            }), &["title"], nullable.clone()),
            "/send_x": post(json!({}), &[], nullable),
        }));
        let drift = diff(&schema, &document);
        // get_ark is in sync; send_x's reply may be `null` but is not optional.
        let changed: Vec<(&str, ChangeKind)> = drift
            .changed
            .iter()
            .flat_map(|action| {
                action
                    .changes
                    .iter()
                    .map(|change| (action.action.as_str(), change.kind))
            })
            .collect();
        assert_eq!(changed, [("send_x", ChangeKind::ReplyType)]);
        assert_eq!(
            drift.changed[0].changes[0].napcat.as_deref(),
            Some("string|null")
        );
    }

    /// NapCat's `OB11Message*` schemas against `segments.yaml`: a kind only
    /// NapCat declares, a key each side lacks (aliases count as the key,
    /// `allOf` bases merge, two schemas of one kind merge), kinds ncat
    /// does not send not compared.
    #[test]
    fn segment_send_shapes_are_compared_with_napcats_message_schemas() {
        let segments = "segments:
  - kind: image
    summary: { zh: 图片, en: An image }
    send:
      rust_type: Image
      fields:
        - { name: file, type: string, rust: Media, required: true }
        - { name: sub_type, type: int }
        - { name: cache, type: bool, required: true }
    receive:
      rust_type: ReceivedImage
      fields:
        - { name: file, type: string, required: true }
  - kind: node
    summary: { zh: 节点, en: A node }
    direction: send
    send:
      rust_type: Node
      fields:
        - { name: user_id, type: string, aliases: [uin] }
  - kind: poke
    summary: { zh: 戳一戳, en: A poke }
    direction: receive
    receive:
      rust_type: Poke
      fields:
        - { name: type, rust_name: poke_type, type: string, required: true }
";
        let schema = load_sources(&[SourceFile {
            path: "segments.yaml".into(),
            text: segments.into(),
        }])
        .unwrap();
        let kind = |kind: &str| json!({"enum": [kind], "type": "string"});
        let text = json!({"openapi": "3.1.0", "info": {"version": "4.99.0"}, "paths": {},
        "components": {"schemas": {
            "OB11MessageFileBase": {"type": "object", "properties": {
                "file": {"type": "string"}, "thumb": {"type": "string"}}, "required": ["file"]},
            "OB11MessageImage": {"type": "object", "properties": {"type": kind("image"),
                "data": {"allOf": [{"$ref": "#/components/schemas/OB11MessageFileBase"},
                    {"type": "object", "properties": {"sub_type": {"type": "number"}}}]}}},
            "OB11MessageNode": {"type": "object", "properties": {"type": kind("node"),
                "data": {"type": "object", "properties": {"uin": {"type": "string"}}}}},
            "OB11MessageIdNode": {"type": "object", "properties": {"type": {"const": "node"},
                "data": {"type": "object", "properties": {"id": {"type": "string"}}}}},
            "OB11MessagePoke": {"type": "object", "properties": {"type": kind("poke"),
                "data": {"type": "object", "properties": {"qq": {"type": "string"}}}}},
            "OB11MessageShake": {"type": "object", "properties": {"type": kind("shake"),
                "data": {"type": "object", "properties": {"times": {"type": "number"}}}}},
            "OB11MessageData": {"anyOf": [{"$ref": "#/components/schemas/OB11MessageImage"}]},
        }}});
        let document = Document::parse(&text.to_string()).unwrap();
        let drift = diff(&schema, &document);
        assert!(!drift.in_sync());
        assert_eq!(
            drift.new_segments,
            [NewSegment {
                kind: "shake".into(),
                napcat: vec!["OB11MessageShake".into()],
                fields: vec!["times: number, optional".into()],
            }]
        );
        assert_eq!(
            drift.changed_segments,
            [
                ChangedSegment {
                    kind: "image".into(),
                    napcat: vec!["OB11MessageImage".into()],
                    changes: vec![
                        change(
                            ChangeKind::FieldAdded,
                            "thumb",
                            None,
                            Some("string, optional".into())
                        ),
                        change(
                            ChangeKind::FieldRemoved,
                            "cache",
                            Some("bool, required".into()),
                            None
                        ),
                    ],
                },
                ChangedSegment {
                    kind: "node".into(),
                    napcat: vec!["OB11MessageIdNode".into(), "OB11MessageNode".into()],
                    changes: vec![change(
                        ChangeKind::FieldAdded,
                        "id",
                        None,
                        Some("string, optional".into())
                    )],
                },
            ]
        );
    }
}

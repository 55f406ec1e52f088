//! `import`: schema entries for actions NapCat has and the schema lacks,
//! written the way a maintainer would, for review rather than typing.
//!
//! Each entry takes NapCat's summary as `summary.zh`, an English sentence made
//! from the wire name as `summary.en`, NapCat's description, every parameter
//! with a mapped type ([`types`]), NapCat's default and its doc, and the reply
//! (a shared type, inline fields, or `json` with NapCat's example in the doc
//! when NapCat declares no shape). NapCat's "required with a default" becomes
//! optional with that default.

mod append;
pub mod apply;
mod types;
pub mod yaml;

use ncat_schema::RESERVED_CALL_METHODS;
use ncat_schema::RESERVED_CLIENT_METHODS;
use ncat_schema::model::{Action, Field, Param, Reply, Schema};
use ncat_schema::{Since, TypeExpr, Version};
use serde_json::Value;

use crate::category;
use crate::mapping::{Matcher, Side};
use crate::names::{Namer, loose, sentence};
use crate::openapi::shape::{Object, Prop, Shape};
use crate::openapi::{Document, Operation};

/// Which actions to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every action NapCat has and the schema lacks.
    AllNew,
    /// These actions, each with an optional category that overrides the guess.
    Named(Vec<(String, Option<String>)>),
}

impl Selection {
    /// Reads `ACTION` or `ACTION=CATEGORY` arguments.
    pub fn named(arguments: &[String]) -> Selection {
        Selection::Named(
            arguments
                .iter()
                .map(|argument| match argument.split_once('=') {
                    Some((action, category)) => (action.to_owned(), Some(category.to_owned())),
                    None => (argument.clone(), None),
                })
                .collect(),
        )
    }
}

/// The entries to add, in order, each with its category in
/// [`Action::category`]; or every reason the selection cannot be imported.
pub fn plan(
    schema: &Schema,
    document: &Document,
    selection: &Selection,
    fallback_category: Option<&str>,
) -> Result<Vec<Action>, Vec<String>> {
    let known = |name: &str| {
        schema
            .actions
            .iter()
            .find(|action| action.wire_name == name)
    };
    let wanted: Vec<(String, Option<String>)> = match selection {
        Selection::AllNew => document
            .actions
            .keys()
            .filter(|name| known(name).is_none())
            .map(|name| (name.clone(), None))
            .collect(),
        Selection::Named(named) => named.clone(),
    };
    let mut problems = Vec::new();
    let mut chosen = Vec::new();
    for (name, category) in &wanted {
        let Some(operation) = document.actions.get(name) else {
            problems.push(format!(
                "`{name}` is not in NapCat {}'s export{}",
                document.version,
                suggestion(name, document)
            ));
            continue;
        };
        if let Some(existing) = known(name) {
            problems.push(format!(
                "`{name}` is already in the schema ({}.yaml)",
                existing.category
            ));
            continue;
        }
        let category = category
            .as_deref()
            .or_else(|| category::guess(name, &operation.tags))
            .or(fallback_category);
        match category {
            Some(category) if category::is_category(category) => {
                chosen.push((name, operation, category.to_owned()));
            }
            Some(category) => problems.push(format!(
                "`{name}`: unknown category `{category}`; expected one of {}",
                category::CATEGORIES.join(", ")
            )),
            None => problems.push(format!(
                "cannot tell the category of `{name}` (NapCat tags: {}); pass `{name}=CATEGORY` or `--category CATEGORY`",
                if operation.tags.is_empty() { "none".to_owned() } else { operation.tags.join(", ") }
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut methods = Namer::new(RESERVED_CLIENT_METHODS);
    for action in &schema.actions {
        methods.take(&action.rust_name);
        action.aliases.iter().for_each(|alias| methods.take(alias));
    }
    let mut matcher = Matcher::new(schema);
    // The export's own release introduced the action, as far as it tells.
    let since = Version::parse(&document.version).map(Since::Release);
    Ok(chosen
        .into_iter()
        .map(|(name, operation, category)| {
            let rust_name = methods.name(name).unwrap_or_else(|| name.clone());
            Action {
                since,
                ..entry(name, rust_name, category, operation, &mut matcher)
            }
        })
        .collect())
}

/// ` (did you mean `x`?)` for a NapCat action whose name differs only in
/// case or punctuation.
fn suggestion(name: &str, document: &Document) -> String {
    document
        .actions
        .keys()
        .find(|candidate| loose(candidate) == loose(name))
        .map(|candidate| format!(" (did you mean `{candidate}`?)"))
        .unwrap_or_default()
}

fn entry(
    name: &str,
    rust_name: String,
    category: String,
    operation: &Operation,
    matcher: &mut Matcher<'_>,
) -> Action {
    let summary_zh = [&operation.summary, &operation.description]
        .into_iter()
        .find_map(|text| text.lines().next().filter(|line| !line.trim().is_empty()))
        .map_or_else(|| sentence(name), |line| line.trim().to_owned());
    let description = Some(operation.description.clone())
        .filter(|description| !description.is_empty() && *description != summary_zh);
    let mut names = Namer::new(RESERVED_CALL_METHODS);
    let params = operation
        .params
        .iter()
        .map(|prop| param(prop, &mut names, matcher))
        .collect();
    Action {
        wire_name: name.to_owned(),
        rust_name,
        category,
        summary_zh,
        summary_en: sentence(name),
        description,
        params,
        reply: reply(operation, matcher),
        aliases: Vec::new(),
        deprecated: operation.deprecated.then(|| {
            "NapCat marks this action deprecated; its handler names the replacement.".to_owned()
        }),
        // NapCat's export merges a union payload into one parameter list,
        // so an imported action has a single form; split it by hand.
        variants: Vec::new(),
        groups: Vec::new(),
        variant_of: None,
        reply_example: None,
        since: None,
    }
}

fn param(prop: &Prop, names: &mut Namer, matcher: &mut Matcher<'_>) -> Param {
    let ty = types::choose(
        matcher,
        &prop.name,
        &prop.shape,
        Side::Param,
        prop.default.as_ref(),
    );
    let default = prop
        .default
        .as_ref()
        .and_then(|default| types::fit_default(&ty, default, matcher));
    let mut doc = doc(prop);
    if let Some(napcat) = &prop.default
        && default.is_none()
    {
        doc = format!("{doc}; NapCat's default `{napcat}` does not fit `{ty}`");
    }
    Param {
        wire_name: prop.name.clone(),
        rust_name: names.name(&prop.name).unwrap_or_else(|| prop.name.clone()),
        ty,
        required: prop.required && prop.default.is_none(),
        default,
        doc: Some(doc),
        since: None,
    }
}

/// NapCat's description, plus the allowed values of a string enum; a
/// placeholder when NapCat gives neither, because `ncat-api` denies
/// undocumented items.
fn doc(prop: &Prop) -> String {
    let values: Vec<&str> = match &prop.shape {
        Shape::String(values) => values.iter().map(String::as_str).collect(),
        Shape::Union(members) => members
            .iter()
            .flat_map(|member| match member {
                Shape::String(values) => values.iter().map(String::as_str).collect(),
                _ => Vec::new(),
            })
            .collect(),
        _ => Vec::new(),
    };
    let values = (!values.is_empty()).then(|| format!("one of: {}", values.join(", ")));
    match (prop.description.clone(), values) {
        (Some(description), Some(values)) => format!("{description} ({values})"),
        (description, values) => description
            .or(values)
            .unwrap_or_else(|| format!("`{}`: NapCat gives no description", prop.name)),
    }
}

fn reply(operation: &Operation, matcher: &mut Matcher<'_>) -> Reply {
    let shape = &operation.reply;
    match shape {
        Shape::Null => Reply::Nothing,
        Shape::Any => undeclared(operation),
        Shape::Object(object) if object.is_undeclared() => undeclared(operation),
        // `T | null`: an optional whole reply, when `T` has a type of ours.
        Shape::Union(members) if members.contains(&Shape::Null) => {
            let present: Vec<Shape> = members
                .iter()
                .filter(|member| **member != Shape::Null)
                .cloned()
                .collect();
            let present = match present.as_slice() {
                [one] => one.clone(),
                _ => Shape::Union(present),
            };
            match types::choose(matcher, "", &present, Side::Reply, None) {
                TypeExpr::Json => undeclared(operation),
                ty => Reply::Type {
                    ty,
                    doc: None,
                    optional: true,
                },
            }
        }
        Shape::Object(object) => match types::choose(matcher, "", shape, Side::Reply, None) {
            TypeExpr::Json => Reply::Fields {
                fields: fields(object, matcher),
                doc: None,
            },
            ty => Reply::Type {
                ty,
                doc: None,
                optional: false,
            },
        },
        _ => match types::choose(matcher, "", shape, Side::Reply, None) {
            TypeExpr::Json => undeclared(operation),
            ty @ TypeExpr::List(_) if ty.to_string().contains("json") => Reply::Type {
                doc: example(operation)
                    .map(|example| format!("NapCat declares no item shape{example}.")),
                ty,
                optional: false,
            },
            ty => Reply::Type {
                ty,
                doc: None,
                optional: false,
            },
        },
    }
}

fn fields(object: &Object, matcher: &mut Matcher<'_>) -> Vec<Field> {
    let mut names = Namer::new(&[]);
    object
        .props
        .iter()
        .map(|prop| Field {
            wire_name: prop.name.clone(),
            rust_name: names.name(&prop.name).unwrap_or_else(|| prop.name.clone()),
            ty: types::choose(
                matcher,
                &prop.name,
                &prop.shape.non_null(),
                Side::Field,
                None,
            ),
            optional: !prop.required || prop.nullable(),
            doc: Some(doc(prop)),
            since: None,
        })
        .collect()
}

/// A `json` reply, documented with NapCat's example when it has one.
fn undeclared(operation: &Operation) -> Reply {
    Reply::Type {
        ty: TypeExpr::Json,
        doc: Some(format!(
            "NapCat declares no shape{}.",
            example(operation).unwrap_or_default()
        )),
        optional: false,
    }
}

/// ` (its example is `…`)`, from the export's success example.
fn example(operation: &Operation) -> Option<String> {
    const LONGEST_EXAMPLE: usize = 160;
    operation
        .reply_example
        .as_ref()
        .filter(|example| !matches!(example, Value::Null))
        .map(|example| {
            let mut text = example.to_string();
            if text.chars().count() > LONGEST_EXAMPLE {
                text = text.chars().take(LONGEST_EXAMPLE).collect::<String>() + "…";
            }
            format!(" (its example is `{text}`)")
        })
}

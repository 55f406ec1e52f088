//! Reading NapCat's OpenAPI export into one [`Operation`] per action.
//!
//! NapCat's conventions: every action is `POST /<action>` with a JSON body;
//! the `200` reply is the envelope `{status, retcode, data, message, wording}`,
//! written inline (≤ 4.15) or as `allOf` around `BaseResponse` (≥ 4.17), and
//! the action's reply is its `data`. Other paths and methods are ignored.

pub mod json;
pub mod shape;

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use self::json::Json;
use self::shape::{Prop, Resolver, Shape};

/// A NapCat OpenAPI export.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// `info.version` (NapCat's release), or `unknown`.
    pub version: String,
    /// Every action, by wire name.
    pub actions: BTreeMap<String, Operation>,
    /// Every message segment kind `components.schemas` declares (the
    /// `OB11Message*` schemas), by its `type`.
    pub segments: BTreeMap<String, SegmentSchema>,
}

/// The `data` NapCat declares for one segment kind: the properties of every
/// schema with that `type` (`OB11MessageIdMusic` and
/// `OB11MessageCustomMusic` are both `music`), `allOf`s merged.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SegmentSchema {
    /// The `components.schemas` names declaring the kind.
    pub schemas: Vec<String>,
    /// The keys of `data`, each once, in document order.
    pub props: Vec<Prop>,
}

/// One action as NapCat declares it.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Its one-line summary (Chinese).
    pub summary: String,
    /// Its longer description, often empty.
    pub description: String,
    /// Its tags (`群组接口`, `Go-CQHTTP`, …).
    pub tags: Vec<String>,
    /// Whether NapCat marks it deprecated.
    pub deprecated: bool,
    /// The request body's properties, in wire order.
    pub params: Vec<Prop>,
    /// The reply envelope's `data`.
    pub reply: Shape,
    /// The `data` of the success example, if the export has one.
    pub reply_example: Option<Value>,
}

/// Why a document could not be read: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenApiError {
    /// A path into the document, such as `paths["/get_msg"].post.requestBody`.
    pub at: String,
    /// What is wrong.
    pub message: String,
}

impl OpenApiError {
    /// A problem at `at`.
    pub fn at(at: &str, message: String) -> Self {
        OpenApiError {
            at: at.to_owned(),
            message,
        }
    }
}

impl fmt::Display for OpenApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.at, self.message)
        }
    }
}

impl std::error::Error for OpenApiError {}

impl Document {
    /// Parses an export's JSON text.
    pub fn parse(text: &str) -> Result<Document, OpenApiError> {
        let root: Json = serde_json::from_str(text)
            .map_err(|error| OpenApiError::at("", format!("not valid JSON: {error}")))?;
        if root.as_object().is_none() {
            return Err(OpenApiError::at(
                "",
                format!(
                    "not an OpenAPI document: the top level is {}, not an object",
                    root.kind()
                ),
            ));
        }
        match root.get("openapi").and_then(Json::as_str) {
            Some(version) if version.starts_with("3.") => {}
            Some(version) => {
                return Err(OpenApiError::at(
                    "openapi",
                    format!("unsupported OpenAPI version `{version}`; NapCat exports 3.0 and 3.1"),
                ));
            }
            None if root.get("swagger").is_some() => {
                return Err(OpenApiError::at(
                    "swagger",
                    "a Swagger 2 document; NapCat exports OpenAPI 3".into(),
                ));
            }
            None => {
                return Err(OpenApiError::at(
                    "",
                    "not an OpenAPI document: no `openapi` version field".into(),
                ));
            }
        }
        let version = root
            .get("info")
            .and_then(|info| info.get("version"))
            .and_then(Json::as_str)
            .unwrap_or("unknown")
            .to_owned();
        let resolver = Resolver::new(root.get("components").and_then(|c| c.get("schemas")));
        let examples = root.get("components").and_then(|c| c.get("examples"));
        let paths = root.get("paths").ok_or_else(|| {
            OpenApiError::at("", "no `paths`: the export lists no actions".into())
        })?;
        let paths = paths.as_object().ok_or_else(|| {
            OpenApiError::at(
                "paths",
                format!("`paths` must be an object, found {}", paths.kind()),
            )
        })?;
        let mut actions = BTreeMap::new();
        for (path, item) in paths {
            let at = format!("paths[\"{path}\"]");
            let Some(post) = item.get("post") else {
                continue;
            };
            let action = path
                .strip_prefix('/')
                .filter(|action| !action.is_empty() && !action.contains('/'))
                .ok_or_else(|| {
                    OpenApiError::at(
                        &at,
                        "NapCat actions are `POST /<action>`; this path is not".into(),
                    )
                })?;
            let operation = operation(post, &format!("{at}.post"), &resolver, examples)?;
            actions.insert(action.to_owned(), operation);
        }
        let segments = segments(
            root.get("components").and_then(|c| c.get("schemas")),
            &resolver,
        )?;
        Ok(Document {
            version,
            actions,
            segments,
        })
    }
}

/// The segment kinds of `components.schemas`: every `OB11Message…` object
/// whose `type` property is one string (`enum: ["image"]` or `const`).
/// Others (`OB11MessageData`, the union; `OB11MessageMixType`) are skipped.
fn segments(
    schemas: Option<&Json>,
    resolver: &Resolver<'_>,
) -> Result<BTreeMap<String, SegmentSchema>, OpenApiError> {
    let mut kinds: BTreeMap<String, SegmentSchema> = BTreeMap::new();
    let Some(schemas) = schemas.and_then(Json::as_object) else {
        return Ok(kinds);
    };
    for (name, schema) in schemas {
        if !name.starts_with("OB11Message") {
            continue;
        }
        let properties = schema.get("properties");
        let kind = properties
            .and_then(|props| props.get("type"))
            .and_then(|ty| {
                ty.get("const").and_then(Json::as_str).or_else(|| {
                    match ty.get("enum").and_then(Json::as_array) {
                        Some([only]) => only.as_str(),
                        _ => None,
                    }
                })
            });
        let (Some(kind), Some(data)) = (kind, properties.and_then(|props| props.get("data")))
        else {
            continue;
        };
        let at = format!("components.schemas.{name}.properties.data");
        let props = resolver.properties(data, &at)?.unwrap_or_default();
        let entry = kinds.entry(kind.to_owned()).or_default();
        entry.schemas.push(name.clone());
        entry.schemas.sort();
        for prop in props {
            if !entry.props.iter().any(|seen| seen.name == prop.name) {
                entry.props.push(prop);
            }
        }
    }
    Ok(kinds)
}

fn operation(
    post: &Json,
    at: &str,
    resolver: &Resolver<'_>,
    examples: Option<&Json>,
) -> Result<Operation, OpenApiError> {
    if post.as_object().is_none() {
        return Err(OpenApiError::at(
            at,
            format!("expected an operation object, found {}", post.kind()),
        ));
    }
    let text = |key: &str| {
        post.get(key)
            .and_then(Json::as_str)
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    let tags = match post.get("tags") {
        None => Vec::new(),
        Some(tags) => tags
            .as_array()
            .and_then(|tags| {
                tags.iter()
                    .map(|tag| tag.as_str().map(str::to_owned))
                    .collect()
            })
            .ok_or_else(|| {
                OpenApiError::at(
                    &format!("{at}.tags"),
                    "`tags` must be a list of strings".into(),
                )
            })?,
    };
    let body_at = format!("{at}.requestBody.content[\"application/json\"].schema");
    let params = match json_schema(post.get("requestBody")) {
        None => Vec::new(),
        Some(schema) => resolver.properties(schema, &body_at)?.ok_or_else(|| {
            OpenApiError::at(
                &body_at,
                "the request body is not an object of parameters".into(),
            )
        })?,
    };
    let ok = post
        .get("responses")
        .and_then(|responses| responses.get("200").or_else(|| responses.get("default")));
    let reply_at = format!("{at}.responses[\"200\"].content[\"application/json\"].schema");
    let reply = match json_schema(ok) {
        None => Shape::Any,
        Some(schema) => match resolver.shape(schema, &reply_at)? {
            Shape::Object(envelope) => envelope
                .prop("data")
                .map_or(Shape::Any, |data| data.shape.clone()),
            Shape::Any => Shape::Any,
            other => {
                return Err(OpenApiError::at(
                    &reply_at,
                    format!(
                        "the reply is {}, not NapCat's `{{status, retcode, data}}` envelope",
                        other.describe()
                    ),
                ));
            }
        },
    };
    Ok(Operation {
        summary: text("summary"),
        description: text("description"),
        tags,
        deprecated: post.get("deprecated") == Some(&Json::Bool(true)),
        params,
        reply,
        reply_example: success_example(ok, examples),
    })
}

/// `content["application/json"].schema` of a request body or response.
fn json_schema(holder: Option<&Json>) -> Option<&Json> {
    holder?
        .get("content")?
        .get("application/json")?
        .get("schema")
}

/// The reply `data` of the success example: the `Success` example (or the
/// first one not named as an error), following `$ref`s into
/// `components.examples`.
fn success_example(ok: Option<&Json>, examples: Option<&Json>) -> Option<Value> {
    let media = ok?.get("content")?.get("application/json")?;
    if let Some(example) = media.get("example") {
        return example.get("data").map(Json::to_value);
    }
    let named = media.get("examples")?.as_object()?;
    let (_, example) = named
        .iter()
        .find(|(name, _)| name == "Success")
        .or_else(|| named.iter().find(|(name, _)| !name.starts_with("Error")))?;
    let example = match example.get("$ref").and_then(Json::as_str) {
        Some(reference) => examples?.get(reference.strip_prefix("#/components/examples/")?)?,
        None => example,
    };
    example.get("value")?.get("data").map(Json::to_value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_is_not_an_openapi_3_export() {
        let message = |text: &str| Document::parse(text).unwrap_err().to_string();
        assert!(message("{").starts_with("not valid JSON: EOF while parsing"));
        assert_eq!(
            message("[]"),
            "not an OpenAPI document: the top level is an array, not an object"
        );
        assert_eq!(
            message(r#"{"swagger": "2.0"}"#),
            "swagger: a Swagger 2 document; NapCat exports OpenAPI 3"
        );
        assert_eq!(
            message(r#"{"openapi": "3.1.0"}"#),
            "no `paths`: the export lists no actions"
        );
        assert_eq!(
            message(r#"{"openapi": "3.1.0", "paths": {"/a/b": {"post": {}}}}"#),
            "paths[\"/a/b\"]: NapCat actions are `POST /<action>`; this path is not"
        );
        assert_eq!(
            message(r#"{"openapi": "3.1.0", "paths": {"/a": {"post": {"tags": "x"}}}}"#),
            "paths[\"/a\"].post.tags: `tags` must be a list of strings"
        );
    }

    #[test]
    fn reads_an_operation_and_ignores_other_methods() {
        let document = Document::parse(
            r##"{"openapi": "3.0.1", "info": {"version": "9.9.9"}, "paths": {
                "/health": {"get": {}},
                "/get_x": {"post": {"summary": " 获取 ", "tags": ["系统接口"], "deprecated": true,
                    "requestBody": {"content": {"application/json": {"schema": {"type": "object",
                        "properties": {"b": {"type": "string"}, "a": {"type": "number", "default": 3}}, "required": ["a"]}}}},
                    "responses": {"200": {"content": {"application/json": {
                        "schema": {"type": "object", "properties": {"status": {"type": "string"}, "data": {"type": "null"}}},
                        "examples": {"Error_1400": {"value": {"data": null}}, "Success": {"$ref": "#/components/examples/Ok"}}}}}}}}},
                "components": {"examples": {"Ok": {"value": {"data": {"k": 1}}}}}}"##,
        )
        .unwrap();
        assert_eq!(document.version, "9.9.9");
        assert_eq!(document.actions.len(), 1);
        let get_x = &document.actions["get_x"];
        assert_eq!(get_x.summary, "获取");
        assert!(get_x.deprecated);
        let names: Vec<&str> = get_x.params.iter().map(|prop| prop.name.as_str()).collect();
        assert_eq!(names, ["b", "a"]);
        assert_eq!(get_x.params[1].default, Some(serde_json::json!(3)));
        assert_eq!(get_x.reply, Shape::Null);
        assert_eq!(get_x.reply_example, Some(serde_json::json!({"k": 1})));
    }
}

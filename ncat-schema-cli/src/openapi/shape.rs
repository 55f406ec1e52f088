//! NapCat's JSON Schemas, reduced to the shapes that `diff` and `import`
//! compare: `$ref`s resolved, `allOf` merged, unions flattened, and OneBot
//! messages recognised.

use serde_json::Value;

use super::OpenApiError;
use super::json::Json;

/// What a JSON Schema allows, in the terms the tools compare.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// No constraint: `{}`, a schema with only a description, or a `$ref`
    /// cycle.
    Any,
    /// `null` (NapCat's "no data").
    Null,
    /// `boolean`
    Bool,
    /// `number` or `integer`.
    Number,
    /// `string`; the allowed values when it is an `enum` or `const`.
    String(Vec<String>),
    /// `array` of items.
    Array(Box<Shape>),
    /// `object` with declared properties (none when NapCat left them out).
    Object(Object),
    /// A OneBot message: an array of `{type, data}` segments, a CQ-code
    /// string or one segment (NapCat's `OB11MessageMixType`).
    Message,
    /// `anyOf` / `oneOf` / a list of types: any one of these.
    Union(Vec<Shape>),
}

/// An object schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// The `components.schemas` name it was reached through, if any.
    pub name: Option<String>,
    /// Its properties in document order; empty when NapCat declares no shape.
    pub props: Vec<Prop>,
}

/// One property of an object (a parameter, a reply field).
#[derive(Debug, Clone, PartialEq)]
pub struct Prop {
    /// The property name.
    pub name: String,
    /// Its shape.
    pub shape: Shape,
    /// Whether the object's `required` lists it.
    pub required: bool,
    /// Its `default`.
    pub default: Option<Value>,
    /// Its `description`.
    pub description: Option<String>,
}

impl Prop {
    /// Whether the value may be `null`, so it is effectively optional.
    pub fn nullable(&self) -> bool {
        matches!(&self.shape, Shape::Union(members) if members.contains(&Shape::Null))
    }
}

impl Shape {
    /// The shape without `null`: what a present, non-null value looks like.
    pub fn non_null(&self) -> Shape {
        match self {
            Shape::Union(members) => union(
                members
                    .iter()
                    .filter(|member| **member != Shape::Null)
                    .cloned()
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// The same shape with descriptions and defaults dropped, to tell
    /// whether two inline objects are the same type.
    pub fn skeleton(&self) -> Shape {
        match self {
            Shape::Array(item) => Shape::Array(Box::new(item.skeleton())),
            Shape::Object(object) => Shape::Object(object.skeleton()),
            Shape::Union(members) => Shape::Union(members.iter().map(Shape::skeleton).collect()),
            other => other.clone(),
        }
    }

    /// A short description for reports: `number|string`, `array<OB11User>`,
    /// `object {a, b}`.
    pub fn describe(&self) -> String {
        match self {
            Shape::Any => "any".into(),
            Shape::Null => "null".into(),
            Shape::Bool => "boolean".into(),
            Shape::Number => "number".into(),
            Shape::String(values) if values.is_empty() => "string".into(),
            Shape::String(values) => format!("string enum ({})", values.join(", ")),
            Shape::Array(item) => format!("array<{}>", item.describe()),
            Shape::Object(object) => object.describe(),
            Shape::Message => "OB11MessageMixType".into(),
            Shape::Union(members) => members
                .iter()
                .map(|member| match member {
                    Shape::Union(_) => format!("({})", member.describe()),
                    _ => member.describe(),
                })
                .collect::<Vec<_>>()
                .join("|"),
        }
    }
}

impl Object {
    /// Whether NapCat declares no properties (`{"type": "object"}`).
    pub fn is_undeclared(&self) -> bool {
        self.props.is_empty()
    }

    /// The property called `name`.
    pub fn prop(&self, name: &str) -> Option<&Prop> {
        self.props.iter().find(|prop| prop.name == name)
    }

    /// See [`Shape::skeleton`].
    pub fn skeleton(&self) -> Object {
        Object {
            name: self.name.clone(),
            props: self
                .props
                .iter()
                .map(|prop| Prop {
                    name: prop.name.clone(),
                    shape: prop.shape.skeleton(),
                    required: prop.required,
                    default: None,
                    description: None,
                })
                .collect(),
        }
    }

    fn describe(&self) -> String {
        const SHOWN: usize = 6;
        if let Some(name) = &self.name {
            return name.clone();
        }
        if self.props.is_empty() {
            return "object".into();
        }
        let mut names: Vec<&str> = self
            .props
            .iter()
            .take(SHOWN)
            .map(|prop| prop.name.as_str())
            .collect();
        if self.props.len() > SHOWN {
            names.push("…");
        }
        format!("object {{{}}}", names.join(", "))
    }
}

/// A union of `members`, flattened and without repeats; one member is
/// returned as itself.
pub fn union(members: Vec<Shape>) -> Shape {
    let mut flat: Vec<Shape> = Vec::new();
    for member in members {
        let parts = match member {
            Shape::Union(inner) => inner,
            other => vec![other],
        };
        for part in parts {
            // String members merge: `const` alternatives (NapCat ≤ 4.15's
            // enums) become one enum, and any string absorbs an enum.
            let merged = match (
                &part,
                flat.iter_mut().find(|old| matches!(old, Shape::String(_))),
            ) {
                (Shape::String(values), Some(Shape::String(old))) => {
                    if values.is_empty() || old.is_empty() {
                        old.clear();
                    } else {
                        for value in values {
                            if !old.contains(value) {
                                old.push(value.clone());
                            }
                        }
                    }
                    true
                }
                _ => false,
            };
            if !merged && !flat.contains(&part) {
                flat.push(part);
            }
        }
    }
    if flat.contains(&Shape::Any) {
        return Shape::Any;
    }
    match flat.len() {
        1 => flat.pop().unwrap_or(Shape::Any),
        _ => Shape::Union(flat),
    }
}

/// Resolves schemas against a document's `components.schemas`.
pub struct Resolver<'a> {
    schemas: Option<&'a Json>,
}

const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

impl<'a> Resolver<'a> {
    /// A resolver for `$ref`s into `schemas` (the `components.schemas` object).
    pub fn new(schemas: Option<&'a Json>) -> Self {
        Resolver { schemas }
    }

    /// The shape of `schema`, found at `at` (for error messages).
    pub fn shape(&self, schema: &Json, at: &str) -> Result<Shape, OpenApiError> {
        self.shape_in(schema, at, &mut Vec::new())
    }

    /// The object a schema describes, as a list of properties: an object's
    /// own, or for a union of objects (a request NapCat accepts in several
    /// forms) all of them, required only where every form requires them.
    /// `None` when the schema is not an object.
    pub fn properties(&self, schema: &Json, at: &str) -> Result<Option<Vec<Prop>>, OpenApiError> {
        Ok(match self.shape(schema, at)? {
            // `{}`, or NapCat ≤ 4.12's `{"type": "void"}`: no parameters.
            Shape::Any | Shape::Null => Some(Vec::new()),
            Shape::Object(object) => Some(object.props),
            Shape::Union(members) => merge_alternatives(&members),
            _ => None,
        })
    }

    fn shape_in(
        &self,
        schema: &Json,
        at: &str,
        stack: &mut Vec<String>,
    ) -> Result<Shape, OpenApiError> {
        match schema {
            Json::Bool(_) => return Ok(Shape::Any),
            Json::Object(_) => {}
            other => {
                return Err(OpenApiError::at(
                    at,
                    format!("expected a JSON Schema object, found {}", other.kind()),
                ));
            }
        }
        let shape = if let Some(reference) = schema.get("$ref") {
            self.reference(reference, &format!("{at}.$ref"), stack)?
        } else if let Some(members) = schema.get("allOf") {
            self.all_of(members, &format!("{at}.allOf"), stack)?
        } else if let Some((key, members)) = schema
            .get("anyOf")
            .map(|members| ("anyOf", members))
            .or_else(|| schema.get("oneOf").map(|members| ("oneOf", members)))
        {
            let at = format!("{at}.{key}");
            let members = list(members, &at)?
                .iter()
                .enumerate()
                .map(|(index, member)| self.shape_in(member, &format!("{at}[{index}]"), stack))
                .collect::<Result<Vec<_>, _>>()?;
            union(members)
        } else {
            self.typed(schema, at, stack)?
        };
        let shape = if schema.get("nullable") == Some(&Json::Bool(true)) {
            union(vec![shape, Shape::Null])
        } else {
            shape
        };
        Ok(recognise_message(shape))
    }

    fn reference(
        &self,
        reference: &Json,
        at: &str,
        stack: &mut Vec<String>,
    ) -> Result<Shape, OpenApiError> {
        let text = reference
            .as_str()
            .ok_or_else(|| OpenApiError::at(at, "`$ref` must be a string".into()))?;
        let name = text.strip_prefix(SCHEMA_REF_PREFIX).ok_or_else(|| {
            OpenApiError::at(
                at,
                format!(
                    "unsupported `$ref` `{text}`: only `{SCHEMA_REF_PREFIX}NAME` is understood"
                ),
            )
        })?;
        let name = name.replace("~1", "/").replace("~0", "~");
        if stack.contains(&name) {
            // A recursive type (a forward node holding messages): stop here.
            return Ok(Shape::Any);
        }
        let target = self
            .schemas
            .and_then(|schemas| schemas.get(&name))
            .ok_or_else(|| {
                OpenApiError::at(
                    at,
                    format!("`$ref` to `{text}`, which `components.schemas` does not define"),
                )
            })?;
        stack.push(name.clone());
        let shape = self.shape_in(target, &format!("components.schemas.{name}"), stack);
        stack.pop();
        Ok(match shape? {
            Shape::Object(object) => Shape::Object(Object {
                name: object.name.or(Some(name)),
                props: object.props,
            }),
            other => other,
        })
    }

    /// `allOf`: NapCat wraps every reply as `allOf: [BaseResponse, {data}]`,
    /// so object members are merged, later properties winning.
    fn all_of(
        &self,
        members: &Json,
        at: &str,
        stack: &mut Vec<String>,
    ) -> Result<Shape, OpenApiError> {
        let mut merged: Option<Object> = None;
        let mut other: Option<Shape> = None;
        for (index, member) in list(members, at)?.iter().enumerate() {
            match self.shape_in(member, &format!("{at}[{index}]"), stack)? {
                Shape::Any => {}
                Shape::Object(object) => {
                    merged = Some(match merged {
                        None => object,
                        Some(mut into) => {
                            into.name = None;
                            for prop in object.props {
                                match into.props.iter_mut().find(|old| old.name == prop.name) {
                                    Some(old) => {
                                        let required = old.required || prop.required;
                                        *old = Prop { required, ..prop };
                                    }
                                    None => into.props.push(prop),
                                }
                            }
                            into
                        }
                    });
                }
                shape if other.is_none() => other = Some(shape),
                _ => {
                    return Err(OpenApiError::at(
                        at,
                        "`allOf` combines several non-object schemas; only objects can be merged"
                            .into(),
                    ));
                }
            }
        }
        match (merged, other) {
            (Some(_), Some(_)) => Err(OpenApiError::at(
                at,
                "`allOf` combines an object with a non-object schema".into(),
            )),
            (Some(object), None) => Ok(Shape::Object(object)),
            (None, Some(shape)) => Ok(shape),
            (None, None) => Ok(Shape::Any),
        }
    }

    /// A schema without `$ref` or combinators: its `type` (a name or, in
    /// OpenAPI 3.1, a list of names), else what its keywords imply.
    fn typed(
        &self,
        schema: &Json,
        at: &str,
        stack: &mut Vec<String>,
    ) -> Result<Shape, OpenApiError> {
        match schema.get("type") {
            None if schema.get("properties").is_some() => self.single("object", schema, at, stack),
            None if schema.get("items").is_some() => self.single("array", schema, at, stack),
            None => Ok(values_shape(schema).unwrap_or(Shape::Any)),
            Some(Json::String(name)) => self.single(name, schema, at, stack),
            Some(Json::Array(names)) => {
                let mut members = Vec::with_capacity(names.len());
                for name in names {
                    let name = name.as_str().ok_or_else(|| {
                        OpenApiError::at(at, "`type` lists must hold type names".into())
                    })?;
                    members.push(self.single(name, schema, at, stack)?);
                }
                Ok(union(members))
            }
            Some(other) => Err(OpenApiError::at(
                at,
                format!(
                    "`type` must be a string or a list of strings, found {}",
                    other.kind()
                ),
            )),
        }
    }

    fn single(
        &self,
        name: &str,
        schema: &Json,
        at: &str,
        stack: &mut Vec<String>,
    ) -> Result<Shape, OpenApiError> {
        Ok(match name {
            // NapCat ≤ 4.15 leaks TypeScript's `void` and `undefined` into
            // reply schemas, meaning "no data".
            "null" | "void" | "undefined" => Shape::Null,
            "boolean" => Shape::Bool,
            "number" | "integer" => Shape::Number,
            "string" => match values_shape(schema) {
                Some(Shape::String(values)) => Shape::String(values),
                _ => Shape::String(Vec::new()),
            },
            "array" => Shape::Array(Box::new(match schema.get("items") {
                Some(items) => self.shape_in(items, &format!("{at}.items"), stack)?,
                None => Shape::Any,
            })),
            "object" => Shape::Object(self.object(schema, at, stack)?),
            other => {
                return Err(OpenApiError::at(
                    at,
                    format!(
                        "unknown type `{other}`; JSON Schema types are null, boolean, number, integer, string, array and object"
                    ),
                ));
            }
        })
    }

    fn object(
        &self,
        schema: &Json,
        at: &str,
        stack: &mut Vec<String>,
    ) -> Result<Object, OpenApiError> {
        let required: Vec<&str> = match schema.get("required") {
            None => Vec::new(),
            Some(names) => list(names, &format!("{at}.required"))?
                .iter()
                .map(|name| {
                    name.as_str().ok_or_else(|| {
                        OpenApiError::at(
                            &format!("{at}.required"),
                            "`required` must list property names".into(),
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        let mut props = Vec::new();
        if let Some(properties) = schema.get("properties") {
            let at = format!("{at}.properties");
            let entries = properties.as_object().ok_or_else(|| {
                OpenApiError::at(
                    &at,
                    format!(
                        "`properties` must be an object, found {}",
                        properties.kind()
                    ),
                )
            })?;
            for (name, property) in entries {
                let at = format!("{at}.{name}");
                props.push(Prop {
                    name: name.clone(),
                    shape: self.shape_in(property, &at, stack)?,
                    required: required.contains(&name.as_str()),
                    default: property.get("default").map(Json::to_value),
                    description: self.description(property),
                });
            }
        }
        Ok(Object { name: None, props })
    }
}

impl Resolver<'_> {
    /// A property's description, or for a bare `$ref` (OpenAPI 3.1 puts
    /// nothing beside one) the referenced schema's.
    fn description(&self, property: &Json) -> Option<String> {
        let own = |schema: &Json| {
            schema
                .get("description")
                .and_then(Json::as_str)
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(str::to_owned)
        };
        own(property).or_else(|| {
            let name = property
                .get("$ref")?
                .as_str()?
                .strip_prefix(SCHEMA_REF_PREFIX)?;
            own(self.schemas?.get(name)?)
        })
    }
}

/// The items of a JSON array, or an error naming where it should have been.
fn list<'j>(value: &'j Json, at: &str) -> Result<&'j [Json], OpenApiError> {
    value
        .as_array()
        .ok_or_else(|| OpenApiError::at(at, format!("expected a list, found {}", value.kind())))
}

/// The shape implied by `enum` or `const` alone.
fn values_shape(schema: &Json) -> Option<Shape> {
    let values: Vec<&Json> = match (schema.get("enum"), schema.get("const")) {
        (Some(Json::Array(values)), _) => values.iter().collect(),
        (_, Some(value)) => vec![value],
        _ => return None,
    };
    if values.is_empty() {
        return None;
    }
    if let Some(texts) = values
        .iter()
        .map(|value| value.as_str().map(str::to_owned))
        .collect::<Option<Vec<_>>>()
    {
        return Some(Shape::String(texts));
    }
    if values.iter().all(|value| matches!(value, Json::Number(_))) {
        return Some(Shape::Number);
    }
    if values.iter().all(|value| matches!(value, Json::Bool(_))) {
        return Some(Shape::Bool);
    }
    None
}

/// A union of objects (alternative request forms) as one property list.
fn merge_alternatives(members: &[Shape]) -> Option<Vec<Prop>> {
    let objects: Vec<&Object> = members
        .iter()
        .map(|member| match member {
            Shape::Object(object) => Some(object),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let mut merged: Vec<Prop> = Vec::new();
    for object in &objects {
        for prop in &object.props {
            match merged.iter_mut().find(|old| old.name == prop.name) {
                Some(old) => old.shape = union(vec![old.shape.clone(), prop.shape.clone()]),
                None => merged.push(prop.clone()),
            }
        }
    }
    for prop in &mut merged {
        prop.required = objects
            .iter()
            .all(|object| object.prop(&prop.name).is_some_and(|own| own.required));
    }
    Some(merged)
}

/// A message segment: an object with `type` and `data` properties.
fn is_segment(shape: &Shape) -> bool {
    match shape {
        Shape::Object(object) => object.prop("type").is_some() && object.prop("data").is_some(),
        Shape::Union(members) => !members.is_empty() && members.iter().all(is_segment),
        _ => false,
    }
}

/// NapCat's `OB11MessageMixType` (an array of segments, a string or one
/// segment), whether reached by `$ref` or written inline, becomes
/// [`Shape::Message`].
fn recognise_message(shape: Shape) -> Shape {
    let is_message = match &shape {
        Shape::Array(item) => is_segment(item),
        // A union around an array of segments (already recognised, when it
        // came through a `$ref` of its own) is a message.
        Shape::Union(members) => members.iter().any(|member| match member {
            Shape::Message => true,
            Shape::Array(item) => is_segment(item),
            _ => false,
        }),
        _ => false,
    };
    if is_message { Shape::Message } else { shape }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        serde_json::from_str(text).unwrap()
    }

    fn resolve(components: &str, schema: &str) -> Result<Shape, OpenApiError> {
        let components = json(components);
        Resolver::new(Some(&components)).shape(&json(schema), "test")
    }

    #[test]
    fn unions_from_any_of_type_lists_and_nullable() {
        let both = Shape::Union(vec![Shape::Number, Shape::String(vec![])]);
        assert_eq!(
            resolve(
                "{}",
                r#"{"anyOf": [{"type": "number"}, {"type": "string"}]}"#
            )
            .unwrap(),
            both
        );
        assert_eq!(
            resolve("{}", r#"{"type": ["number", "string"]}"#).unwrap(),
            both
        );
        assert_eq!(
            resolve("{}", r#"{"type": "string", "nullable": true}"#).unwrap(),
            Shape::Union(vec![Shape::String(vec![]), Shape::Null])
        );
        assert_eq!(
            resolve(
                "{}",
                r#"{"anyOf": [{"const": "a", "type": "string"}, {"const": "b", "type": "string"}]}"#
            )
            .unwrap()
            .describe(),
            "string enum (a, b)"
        );
        assert_eq!(
            resolve("{}", r#"{"description": "x"}"#).unwrap(),
            Shape::Any
        );
        assert_eq!(resolve("{}", r#"{"type": "void"}"#).unwrap(), Shape::Null);
    }

    #[test]
    fn string_members_merge() {
        let enums = union(vec![
            Shape::String(vec!["a".into()]),
            Shape::Number,
            Shape::String(vec!["b".into()]),
        ]);
        assert_eq!(
            enums,
            Shape::Union(vec![
                Shape::String(vec!["a".into(), "b".into()]),
                Shape::Number
            ])
        );
        let any = union(vec![
            Shape::String(vec!["a".into()]),
            Shape::String(Vec::new()),
        ]);
        assert_eq!(any, Shape::String(Vec::new()));
    }

    #[test]
    fn refs_keep_their_name_and_all_of_merges() {
        let components = r#"{
            "Base": {"type": "object", "properties": {"status": {"type": "string"}, "data": {}}, "required": ["status"]},
            "User": {"type": "object", "properties": {"user_id": {"type": "number"}}, "required": ["user_id"]}
        }"#;
        let envelope = r##"{"allOf": [{"$ref": "#/components/schemas/Base"},
            {"type": "object", "required": ["data"], "properties": {"data": {"$ref": "#/components/schemas/User"}}}]}"##;
        let Shape::Object(object) = resolve(components, envelope).unwrap() else {
            panic!("not an object");
        };
        assert_eq!(object.name, None);
        let data = object.prop("data").unwrap();
        assert!(data.required);
        assert_eq!(data.shape.describe(), "User");
    }

    #[test]
    fn recognises_messages_by_structure() {
        let components = r##"{
            "Text": {"type": "object", "properties": {"type": {"enum": ["text"]}, "data": {"type": "object"}}},
            "Data": {"anyOf": [{"$ref": "#/components/schemas/Text"}]},
            "Mix": {"anyOf": [{"type": "array", "items": {"$ref": "#/components/schemas/Data"}}, {"type": "string"}, {"$ref": "#/components/schemas/Data"}]}
        }"##;
        assert_eq!(
            resolve(components, r##"{"$ref": "#/components/schemas/Mix"}"##).unwrap(),
            Shape::Message
        );
    }

    #[test]
    fn cycles_stop_and_bad_refs_are_errors() {
        let components = r##"{"Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}}}"##;
        let Shape::Object(node) =
            resolve(components, r##"{"$ref": "#/components/schemas/Node"}"##).unwrap()
        else {
            panic!("not an object");
        };
        assert_eq!(node.prop("next").unwrap().shape, Shape::Any);
        let error = resolve("{}", r##"{"$ref": "#/components/schemas/Nope"}"##).unwrap_err();
        assert_eq!(
            error.to_string(),
            "test.$ref: `$ref` to `#/components/schemas/Nope`, which `components.schemas` does not define"
        );
        let error = resolve("{}", r#"{"type": "integer64"}"#).unwrap_err();
        assert!(error.to_string().contains("unknown type `integer64`"));
        let error = resolve("{}", r#"{"properties": []}"#).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("test.properties: `properties` must be an object")
        );
    }

    #[test]
    fn union_request_bodies_merge_with_shared_requirements() {
        let schema = r#"{"anyOf": [
            {"type": "object", "properties": {"title": {"type": "string"}, "type": {"type": "string"}}, "required": ["title", "type"]},
            {"type": "object", "properties": {"title": {"type": "string"}, "icon": {"type": "string"}}, "required": ["title"]}
        ]}"#;
        let components = json("{}");
        let props = Resolver::new(Some(&components))
            .properties(&json(schema), "body")
            .unwrap()
            .unwrap();
        let summary: Vec<(&str, bool)> = props
            .iter()
            .map(|prop| (prop.name.as_str(), prop.required))
            .collect();
        assert_eq!(summary, [("title", true), ("type", false), ("icon", false)]);
    }
}

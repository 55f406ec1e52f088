//! The checked schema: every name resolved, every type parsed, every default
//! proven to fit its type. The generator and tools read only this.

use crate::since::Since;
use crate::ty::TypeExpr;

/// A whole schema directory after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// The files the schema was read from, in load order (for rebuild tracking).
    pub files: Vec<std::path::PathBuf>,
    /// Shared types from `types.yaml`, in file order.
    pub types: Vec<SharedType>,
    /// Every action, grouped by category file (sorted by file name), in file order.
    pub actions: Vec<Action>,
    /// Every message segment kind of `segments.yaml`, in file order.
    pub segments: Vec<crate::segment::model::SegmentKind>,
    /// The events of `events.yaml`, if the directory has one.
    pub events: Option<crate::event::EventSchema>,
    /// In an extension: the parameters and reply fields it adds to the
    /// base's actions (`extend:`), in file order.
    pub extended: Vec<BuiltInExtension>,
    /// The segment data types that stay hand-written (`hooks:` of
    /// `segments.yaml`).
    pub segment_hooks: Vec<crate::segment::model::SegmentHook>,
}

/// What an extension adds to one of the base's actions.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltInExtension {
    /// The base's action, as the base describes it.
    pub action: Action,
    /// The parameters added: optional, each a setter on the action's call.
    pub params: Vec<Param>,
    /// The fields added to its reply (an object).
    pub reply_fields: Vec<Field>,
}

impl BuiltInExtension {
    /// The trait of the setters of the added parameters (`SendGroupMsgExtraParams`).
    pub fn params_trait(action: &Action) -> String {
        format!("{}ExtraParams", action.type_stem())
    }

    /// The trait of the accessors of the added reply fields (`GetMsgExtraFields`).
    pub fn fields_trait(action: &Action) -> String {
        format!("{}ExtraFields", action.type_stem())
    }

    /// The struct the added reply fields decode into (`GetMsgExtraReply`).
    pub fn reply_struct(action: &Action) -> String {
        format!("{}ExtraReply", action.type_stem())
    }
}

/// One NapCat action.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// Wire name: `POST /<wire_name>`.
    pub wire_name: String,
    /// Client method name (snake_case).
    pub rust_name: String,
    /// The category, from the file stem (`group` for `group.yaml`).
    pub category: String,
    /// Chinese one-line summary.
    pub summary_zh: String,
    /// English one-line summary.
    pub summary_en: String,
    /// Extra Markdown documentation.
    pub description: Option<String>,
    /// Parameters in wire order.
    pub params: Vec<Param>,
    /// The reply's `data`.
    pub reply: Reply,
    /// More client method names for the same action.
    pub aliases: Vec<String>,
    /// What to use instead, when the action is deprecated.
    pub deprecated: Option<String>,
    /// Alternative parameter sets (request forms), each its own client
    /// method; `params` then holds the parameters every form shares.
    pub variants: Vec<Variant>,
    /// "Exactly one of" / "at least one of" rules over optional parameters.
    pub groups: Vec<ParamGroup>,
    /// Set only on the one-form views the generator makes of an action with
    /// `variants`: that action's Rust name, after which the shared reply
    /// type is named.
    pub variant_of: Option<String>,
    /// The NapCat release that introduced the action.
    pub since: Option<Since>,
    /// The reply's `example:`, data NapCat answers with (checked against
    /// the reply's type; a stream action's is its list of frames).
    pub reply_example: Option<serde_json::Value>,
}

impl Action {
    /// The PascalCase stem of the generated type names (`SetGroupBan`).
    pub fn type_stem(&self) -> String {
        crate::naming::pascal_case(&self.rust_name)
    }

    /// Name of the generated request struct (`SetGroupBanRequest`).
    pub fn request_type_name(&self) -> String {
        format!("{}Request", self.type_stem())
    }

    /// Name of the generated inline reply struct (`GetStatusReply`).
    pub fn reply_type_name(&self) -> String {
        let owner = self.variant_of.as_deref().unwrap_or(&self.rust_name);
        format!("{}Reply", crate::naming::pascal_case(owner))
    }

    /// Name of the enum generated for a union parameter of this action.
    pub fn union_type_name(&self, param: &Param) -> String {
        let owner = self.variant_of.as_deref().unwrap_or(&self.rust_name);
        crate::union::enum_name(owner, &param.rust_name)
    }

    /// Every parameter of every request form, for tools that compare the
    /// action with NapCat's merged view of a union payload: a variant's
    /// parameter counts as required only when every form requires it.
    pub fn merged_params(&self) -> Vec<Param> {
        let mut merged = self.params.clone();
        for variant in &self.variants {
            for param in &variant.params {
                let in_every_form = self.variants.iter().all(|form| {
                    form.params
                        .iter()
                        .any(|other| other.wire_name == param.wire_name && other.required)
                });
                if !merged.iter().any(|seen| seen.wire_name == param.wire_name) {
                    merged.push(Param {
                        required: param.required && in_every_form,
                        ..param.clone()
                    });
                }
            }
        }
        merged
    }

    /// The parameters that are arguments of the client method.
    pub fn required_params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|param| param.required)
    }

    /// The parameters that are chained setters.
    pub fn optional_params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|param| !param.required)
    }
}

/// One action parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Wire name.
    pub wire_name: String,
    /// Rust field and setter name.
    pub rust_name: String,
    /// Its type.
    pub ty: TypeExpr,
    /// Whether it is an argument of the client method.
    pub required: bool,
    /// NapCat's default for an optional parameter, already checked against `ty`.
    pub default: Option<serde_json::Value>,
    /// Documentation.
    pub doc: Option<String>,
    /// The NapCat release that introduced the parameter, when later than its action.
    pub since: Option<Since>,
}

/// One request form of an action with alternative parameter sets.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The form's name (`template`, `by_id`).
    pub name: String,
    /// Its client method: `<action>_<name>` unless the schema names it.
    pub rust_name: String,
    /// What sets this form apart, in Markdown.
    pub doc: Option<String>,
    /// The parameters only this form has, in wire order (after the shared ones).
    pub params: Vec<Param>,
}

/// A rule over a few optional parameters, checked before the request is sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamGroup {
    /// Which rule.
    pub kind: GroupKind,
    /// The parameters' wire names, in the order the schema lists them.
    pub params: Vec<String>,
}

/// The rule of a [`ParamGroup`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// Exactly one must be set: NapCat needs one and silently ignores the
    /// others, so a second one is a mistake.
    ExactlyOne,
    /// At least one must be set.
    AtLeastOne,
}

impl GroupKind {
    /// The schema key (`exactly_one_of`, `at_least_one_of`).
    pub fn key(self) -> &'static str {
        match self {
            GroupKind::ExactlyOne => "exactly_one_of",
            GroupKind::AtLeastOne => "at_least_one_of",
        }
    }
}

/// The `data` of an action's reply.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// NapCat sends no data; the call returns `()`.
    Nothing,
    /// The data has this type.
    Type {
        /// The type.
        ty: TypeExpr,
        /// A sentence about the reply.
        doc: Option<String>,
        /// Whether NapCat may send `null` (or no `data`) instead: the call
        /// then returns `Option<T>`.
        optional: bool,
    },
    /// A stream action: several replies with one echo, each frame's data of
    /// this type, delivered as a stream.
    Frames {
        /// The type of one frame's data.
        ty: TypeExpr,
        /// A sentence about the frames.
        doc: Option<String>,
    },
    /// The data is an inline struct, generated as `<RustName>Reply`.
    Fields {
        /// Its fields.
        fields: Vec<Field>,
        /// A sentence about the reply.
        doc: Option<String>,
    },
}

/// A field of a reply or of a shared struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Wire name.
    pub wire_name: String,
    /// Rust field name.
    pub rust_name: String,
    /// Its type.
    pub ty: TypeExpr,
    /// Whether the field may be absent or `null`.
    pub optional: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// The NapCat release that added the field, when later than its action.
    pub since: Option<Since>,
}

/// A type from `types.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedType {
    /// PascalCase name.
    pub name: String,
    /// Documentation.
    pub doc: Option<String>,
    /// Struct or enum.
    pub kind: SharedTypeKind,
}

/// What a shared type is.
#[derive(Debug, Clone, PartialEq)]
pub enum SharedTypeKind {
    /// A struct with these fields.
    Struct(Vec<Field>),
    /// A string enum with these values.
    Enum(Vec<EnumValue>),
}

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The wire string.
    pub wire_value: String,
    /// The PascalCase variant name.
    pub rust_name: String,
    /// Documentation.
    pub doc: Option<String>,
}

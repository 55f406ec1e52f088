//! The checked segment kinds: what the validator makes of `segments.yaml`
//! and the generators read, and the words its keys may take.

use crate::since::Since;

/// The words a segment field's `type` may be (its JSON shape).
pub const FIELD_TYPES: &[&str] = &["string", "int", "float", "bool", "json", "message", "list"];

/// The Rust types a generated field may hold (`rust:`), beside the default
/// of its JSON shape (`string` → `String`, `int` → `i64`, `float` → `f64`,
/// `bool` → `bool`, `json` → `json`, i.e. `serde_json::Value`).
pub const RUST_TYPES: &[&str] = &[
    "String",
    "Media",
    "MessageId",
    "u8",
    "u16",
    "u32",
    "u64",
    "i32",
    "i64",
    "f64",
    "bool",
    "json",
];

/// One segment kind, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentKind {
    /// The wire `type` (`image`).
    pub kind: String,
    /// Chinese one-line summary.
    pub summary_zh: String,
    /// English one-line summary.
    pub summary_en: String,
    /// The NapCat release that introduced the kind.
    pub since: Option<Since>,
    /// The shape NapCat reads when the kind is sent; `None` when it cannot be.
    pub send: Option<Shape>,
    /// The shape NapCat writes when the kind arrives; `None` when it never does.
    pub receive: Option<Shape>,
    /// The kind NapCat delivers this one as (`music` arrives as `json`).
    pub arrives_as: Option<String>,
    /// The name of its `Segment` / `ReceivedSegment` variant (`variant:`,
    /// else the kind in PascalCase: `mface` → `Mface`).
    pub variant: String,
    /// How its `Segment` constructor and `Message` builder method take
    /// their argument (`builder:`); used only when it can be sent.
    pub builder: Builder,
}

/// How a sendable kind's constructor (`Segment::image`) and builder method
/// (`Message::image`) take their one argument.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Builder {
    /// What the argument is.
    pub takes: Takes,
    /// The argument's name, when not the default (the kind, or for
    /// [`Takes::New`] the constructor's).
    pub arg: Option<String>,
    /// Markdown for both methods' rustdoc, after the kind's summary.
    pub doc: Option<String>,
}

/// The argument of a builder method (`takes:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Takes {
    /// `impl Into<Data>` (`into`, the default).
    #[default]
    Into,
    /// `impl IntoMedia<Data>`: a source or the data (`media`).
    Media,
    /// The generated constructor's one argument, passed to `Data::new` (`new`).
    New,
    /// `impl IntoUserId`, made the data by `From<UserId>` (`user_id`).
    UserId,
    /// `impl IntoMessageId`, made the data by `From<MessageId>` (`message_id`).
    MessageId,
}

/// The words `takes:` may be, and what each means.
pub const TAKES: &[(&str, Takes)] = &[
    ("into", Takes::Into),
    ("media", Takes::Media),
    ("new", Takes::New),
    ("user_id", Takes::UserId),
    ("message_id", Takes::MessageId),
];

/// A Rust type the segments use that stays hand-written (`hooks:`): no
/// struct is generated for a shape naming it.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentHook {
    /// The type's name (`At`).
    pub name: String,
    /// Why it is hand-written.
    pub doc: Option<String>,
}

/// The `data` of a kind in one direction.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The Rust type holding it (hand-written; see `schema/README.md`).
    pub rust_type: String,
    /// Whether the type keeps unknown keys in an `extra` field (enums and
    /// unit kinds cannot).
    pub keeps_extra: bool,
    /// For an enum (`keeps_extra: false`), the type of its variant that
    /// keeps unknown keys instead (`CustomMusic` of `Music`).
    pub extra_type: Option<String>,
    /// The keys, in wire order.
    pub fields: Vec<SegmentField>,
    /// Markdown for the type's rustdoc, after the kind's summary.
    pub doc: Option<String>,
    /// Keys of which `data` must have one with a value (not `null`, not
    /// `""`) to be this shape (`reply`: `id` or `seq`); otherwise the
    /// segment decodes as unknown.
    pub needs_any: Vec<String>,
}

impl Shape {
    /// Whether the shape has no data at all: its variant is a unit
    /// variant (`Segment::Dice`), `{}` on the wire.
    pub fn is_unit(&self) -> bool {
        self.fields.is_empty() && !self.keeps_extra && self.extra_type.is_none()
    }

    /// The type whose `extra` keeps the keys no field reads, if any.
    pub fn extra_holder(&self) -> Option<&str> {
        match &self.extra_type {
            Some(extra_type) => Some(extra_type),
            None => self.keeps_extra.then_some(self.rust_type.as_str()),
        }
    }

    /// The fields a generated constructor takes: the required ones without a
    /// default, in field order.
    pub(crate) fn constructor_arguments(&self) -> Vec<&SegmentField> {
        self.fields
            .iter()
            .filter(|field| field.required && !field.default)
            .collect()
    }

    /// Every key a field reads, aliases included, in field order.
    pub fn keys(&self) -> Vec<&str> {
        self.fields
            .iter()
            .flat_map(|field| {
                std::iter::once(field.wire_name.as_str())
                    .chain(field.aliases.iter().map(String::as_str))
            })
            .collect()
    }
}

/// One key of a segment's `data`.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentField {
    /// The key.
    pub wire_name: String,
    /// Other keys read as the same field (`uin` for `user_id`).
    pub aliases: Vec<String>,
    /// Its JSON shape, one of [`FIELD_TYPES`].
    pub ty: String,
    /// The Rust field's name, when the key is not one (`resultId`, `type`).
    pub rust_name: Option<String>,
    /// The Rust type of its value, one of [`RUST_TYPES`], when not the
    /// default of its JSON shape.
    pub rust: Option<String>,
    /// Whether ncat writes the number as a decimal string (`encoded: string`).
    pub encoded_as_string: bool,
    /// Whether a required field may be absent, reading as its type's
    /// default (`default: true`); it is then not a constructor argument.
    pub default: bool,
    /// Whether NapCat requires it.
    pub required: bool,
    /// Documentation.
    pub doc: Option<String>,
    /// The NapCat release that added the field, when later than its kind.
    pub since: Option<Since>,
}

impl SegmentField {
    /// The Rust field's name: `rust_name`, else the key.
    pub fn rust_name(&self) -> &str {
        self.rust_name.as_deref().unwrap_or(&self.wire_name)
    }
}

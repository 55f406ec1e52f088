//! What `diff` found: the differences between our schema and a NapCat
//! export, ready for rendering as text or JSON.

use serde::Serialize;

/// Every difference, each reported once, everything sorted by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drift {
    /// The NapCat release the export is for (`info.version`).
    pub napcat_version: String,
    /// Actions NapCat has and the schema lacks.
    pub new: Vec<NewAction>,
    /// Actions the schema has and NapCat does not list (removed or renamed).
    pub removed: Vec<RemovedAction>,
    /// Actions both have, with their differences.
    pub changed: Vec<ChangedAction>,
    /// Structs from `types.yaml` that differ from NapCat's objects.
    pub changed_types: Vec<ChangedType>,
    /// Segment kinds NapCat declares and `segments.yaml` lacks.
    pub new_segments: Vec<NewSegment>,
    /// Segment kinds whose send shape differs from NapCat's `OB11Message*`.
    pub changed_segments: Vec<ChangedSegment>,
}

impl Drift {
    /// Whether the schema and the export agree.
    pub fn in_sync(&self) -> bool {
        self.new.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.changed_types.is_empty()
            && self.new_segments.is_empty()
            && self.changed_segments.is_empty()
    }
}

/// A segment kind only NapCat declares.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewSegment {
    /// The wire `type`.
    pub kind: String,
    /// The `components.schemas` names declaring it.
    pub napcat: Vec<String>,
    /// The keys of its `data`, each as `key: shape`.
    pub fields: Vec<String>,
}

/// A segment kind both have, and how its send shape differs from NapCat's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangedSegment {
    /// The wire `type`.
    pub kind: String,
    /// The `components.schemas` names declaring it.
    pub napcat: Vec<String>,
    /// The differences (`field_added`, `field_removed`), sorted.
    pub changes: Vec<Change>,
}

/// An action only NapCat has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewAction {
    /// Wire name.
    pub action: String,
    /// The category `import` would file it under, if it can tell.
    pub category: Option<String>,
    /// NapCat's summary.
    pub summary: String,
    /// Whether NapCat marks it deprecated.
    pub deprecated: bool,
}

/// An action only the schema has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RemovedAction {
    /// Wire name.
    pub action: String,
    /// Its category file.
    pub category: String,
    /// A new NapCat action whose name differs only in case or punctuation.
    pub renamed_to: Option<String>,
}

/// An action both have, and how it differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangedAction {
    /// Wire name.
    pub action: String,
    /// Its category file.
    pub category: String,
    /// The differences, sorted.
    pub changes: Vec<Change>,
}

/// A struct from `types.yaml` and how it differs from a NapCat object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangedType {
    /// Our type's name.
    #[serde(rename = "type")]
    pub ty: String,
    /// NapCat's object: its `components.schemas` name, or a description of
    /// an inline object.
    pub napcat: String,
    /// The actions (or enclosing types) where the two meet.
    pub used_by: Vec<String>,
    /// The differences, sorted.
    pub changes: Vec<Change>,
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// What kind of difference.
    pub kind: ChangeKind,
    /// The parameter or field concerned; empty for the action or reply as a whole.
    pub name: String,
    /// Our side, as a type or value; `None` when we lack the item.
    pub ours: Option<String>,
    /// NapCat's side; `None` when NapCat lacks the item.
    pub napcat: Option<String>,
}

/// The kinds of difference, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// NapCat marks the action deprecated; the schema does not.
    Deprecated,
    /// NapCat has a parameter the schema lacks.
    ParamAdded,
    /// The schema has a parameter NapCat does not list.
    ParamRemoved,
    /// The parameter's type does not match.
    ParamType,
    /// Required in one, optional in the other (NapCat's "required with a
    /// default" counts as optional).
    ParamRequired,
    /// NapCat declares a different default (or one the schema lacks).
    ParamDefault,
    /// The reply as a whole does not match (data where we expect none, a
    /// different type).
    ReplyType,
    /// NapCat has a reply (or struct) field the schema lacks.
    FieldAdded,
    /// The schema has a reply (or struct) field NapCat does not list.
    FieldRemoved,
    /// The field's type does not match.
    FieldType,
    /// The schema requires a field that NapCat may leave out or send as `null`.
    FieldRequired,
    /// The action, parameter or reply field is in the export, but its
    /// `since` names a later release.
    Since,
}

impl ChangeKind {
    /// `+` for something NapCat added, `-` for something it lacks, `~` for
    /// a change.
    pub fn sign(self) -> char {
        match self {
            ChangeKind::ParamAdded | ChangeKind::FieldAdded => '+',
            ChangeKind::ParamRemoved | ChangeKind::FieldRemoved => '-',
            _ => '~',
        }
    }
}

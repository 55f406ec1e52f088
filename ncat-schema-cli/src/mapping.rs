//! Which of our types match which NapCat shapes.
//!
//! The question depends on the direction of travel:
//!
//! - **parameters** ([`Side::Param`]): what ncat sends must be something
//!   NapCat accepts. `GroupId` and `UserId` are sent as numeric strings, so
//!   they match `string` and `number|string`; `MessageId` and the numeric
//!   types are sent as numbers and match `number` or `number|string`; `bool`
//!   matches `boolean` or `boolean|string`.
//! - **replies** ([`Side::Reply`]): everything NapCat may send must decode.
//!   Ids decode from numbers and numeric strings, so they match `number`,
//!   `string` or both; a numeric type matches only `number`.
//! - **fields** of replies and shared structs ([`Side::Field`]): as replies,
//!   but `ncat-api` decodes integer and string fields leniently (an integer
//!   also from a numeric string, a string also from a number), so an integer
//!   field matches `number` or `number|string` and a string field `string`,
//!   `number` or both. (A plain `string` is not enough for an integer field:
//!   it need not hold a number.)
//!
//! A union parameter (`string | list<string>`) matches when NapCat accepts
//! each of its members. In both directions `json` matches anything and anything matches a schema
//! that declares nothing (`{}`, `{"type": "object"}`, `items: {}`); `Message`
//! matches NapCat's `OB11MessageMixType`; `list<T>` matches an array of
//! items matching `T`; a string enum from `types.yaml` matches `string`, and
//! an `enum` only if the values fit (every value we send is accepted, every
//! value NapCat sends is known). A struct from `types.yaml` matches an
//! object; its fields are compared separately, once per pair of types
//! ([`Pairing`]), so that a difference in `User` is reported once, not under
//! every action that returns a `User`.

use std::collections::{BTreeSet, HashMap};

use ncat_schema::TypeExpr;
use ncat_schema::model::{Schema, SharedType, SharedTypeKind};

use crate::openapi::shape::{Object, Shape};

/// The direction a value travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    /// From ncat to NapCat: a parameter.
    Param,
    /// From NapCat to ncat: a reply, or an item of a list in one.
    Reply,
    /// From NapCat to ncat: a field of a reply or of a shared struct, which
    /// `ncat-api` decodes leniently when it is an integer or a string.
    Field,
}

impl Side {
    /// The direction of values nested in this one (list items, struct
    /// fields' own types): fields are lenient only at their top level.
    fn nested(self) -> Side {
        match self {
            Side::Field => Side::Reply,
            other => other,
        }
    }
}

/// A struct from `types.yaml` met against one of NapCat's objects.
#[derive(Debug, Clone, PartialEq)]
pub struct Pairing {
    /// Our type's name.
    pub ours: String,
    /// NapCat's object.
    pub theirs: Object,
    /// The direction the type travels in.
    pub side: Side,
    /// The actions (or, for nested types, the `types.yaml` types) that led here.
    pub used_by: BTreeSet<String>,
}

/// Matches types, collecting the struct pairings it meets on the way.
pub struct Matcher<'s> {
    shared: HashMap<&'s str, &'s SharedType>,
    pairings: Vec<Pairing>,
}

impl<'s> Matcher<'s> {
    /// A matcher that knows `schema`'s shared types.
    pub fn new(schema: &'s Schema) -> Self {
        Matcher {
            shared: schema
                .types
                .iter()
                .map(|ty| (ty.name.as_str(), ty))
                .collect(),
            pairings: Vec::new(),
        }
    }

    /// The shared type called `name`.
    pub fn shared(&self, name: &str) -> Option<&'s SharedType> {
        self.shared.get(name).copied()
    }

    /// The pairings met so far; [`Self::matches`] keeps adding to them.
    pub fn pairings(&self) -> &[Pairing] {
        &self.pairings
    }

    /// Whether `ours` fits `theirs` travelling in direction `side`;
    /// `used_by` names the action or type being compared, for pairings.
    pub fn matches(&mut self, ours: &TypeExpr, theirs: &Shape, side: Side, used_by: &str) -> bool {
        match (ours, theirs) {
            (TypeExpr::Json, _) | (_, Shape::Any) => true,
            (TypeExpr::Int(_), _) if side == Side::Field => numeric(theirs),
            // Whichever form ncat sends must be one NapCat accepts.
            (TypeExpr::Union(ours), _) => {
                side == Side::Param
                    && ours
                        .iter()
                        .all(|member| self.matches(member, theirs, side, used_by))
            }
            (_, Shape::Union(members)) => {
                let members: Vec<&Shape> = members.iter().filter(|m| **m != Shape::Null).collect();
                if members.is_empty() {
                    return false;
                }
                match side {
                    Side::Param => members
                        .iter()
                        .any(|member| self.matches(ours, member, side, used_by)),
                    Side::Reply | Side::Field => members
                        .iter()
                        .all(|member| self.matches(ours, member, side, used_by)),
                }
            }
            (TypeExpr::List(inner), Shape::Array(item)) => {
                self.matches(inner, item, side.nested(), used_by)
            }
            // An array of undeclared items may well be segments.
            (TypeExpr::Message, Shape::Array(item)) => **item == Shape::Any,
            // A received message reads every form NapCat reports one in: a
            // segment array, one segment object or a CQ-code string.
            (TypeExpr::ReceivedMessage, Shape::Array(_) | Shape::Object(_) | Shape::String(_)) => {
                side != Side::Param
            }
            (TypeExpr::Message | TypeExpr::ReceivedMessage, Shape::Message)
            | (TypeExpr::Bool, Shape::Bool)
            | (TypeExpr::Int(_) | TypeExpr::F64, Shape::Number)
            | (TypeExpr::String | TypeExpr::UserId | TypeExpr::GroupId, Shape::String(_))
            | (TypeExpr::MessageId, Shape::Number) => true,
            (TypeExpr::UserId | TypeExpr::GroupId, Shape::Number)
            | (TypeExpr::MessageId, Shape::String(_)) => side != Side::Param,
            (TypeExpr::String, Shape::Number) => side == Side::Field,
            (TypeExpr::Named(name), _) => self.matches_named(name, theirs, side, used_by),
            _ => false,
        }
    }

    fn matches_named(&mut self, name: &str, theirs: &Shape, side: Side, used_by: &str) -> bool {
        let Some(shared) = self.shared(name) else {
            return false;
        };
        match (&shared.kind, theirs) {
            (SharedTypeKind::Enum(values), Shape::String(allowed)) => {
                let ours: BTreeSet<&str> = values
                    .iter()
                    .map(|value| value.wire_value.as_str())
                    .collect();
                let theirs: BTreeSet<&str> = allowed.iter().map(String::as_str).collect();
                theirs.is_empty()
                    || match side {
                        Side::Param => ours.is_subset(&theirs),
                        Side::Reply | Side::Field => theirs.is_subset(&ours),
                    }
            }
            (SharedTypeKind::Struct(_), Shape::Object(object)) => {
                if !object.is_undeclared() {
                    self.pair(name, object, side.nested(), used_by);
                }
                true
            }
            _ => false,
        }
    }

    /// Records that `ours` was met against `theirs`; the same pair met again
    /// (by `$ref` name, or for inline objects by structure) is one pairing.
    fn pair(&mut self, ours: &str, theirs: &Object, side: Side, used_by: &str) {
        let skeleton = theirs.skeleton();
        let existing = self.pairings.iter_mut().find(|pairing| {
            pairing.ours == ours && pairing.side == side && pairing.theirs.skeleton() == skeleton
        });
        match existing {
            Some(pairing) => {
                pairing.used_by.insert(used_by.to_owned());
            }
            None => self.pairings.push(Pairing {
                ours: ours.to_owned(),
                theirs: theirs.clone(),
                side,
                used_by: BTreeSet::from([used_by.to_owned()]),
            }),
        }
    }
}

/// Whether an integer field decodes every value of `theirs`: numbers, and
/// strings only beside numbers (`number|string`, where they are numeric).
fn numeric(theirs: &Shape) -> bool {
    match theirs {
        Shape::Any | Shape::Number => true,
        Shape::Union(members) => {
            members.contains(&Shape::Number)
                && members
                    .iter()
                    .all(|member| matches!(member, Shape::Number | Shape::Null | Shape::String(_)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ncat_schema::{IntType, SourceFile, load_sources};

    fn schema() -> Schema {
        let types = "types:\n  - name: User\n    fields:\n      - { name: user_id, type: UserId }\n  - name: Sex\n    enum:\n      - { value: male }\n      - { value: female }\n";
        load_sources(&[SourceFile {
            path: "types.yaml".into(),
            text: types.into(),
        }])
        .unwrap()
    }

    fn string() -> Shape {
        Shape::String(Vec::new())
    }

    fn number_or_string() -> Shape {
        Shape::Union(vec![Shape::Number, string()])
    }

    #[test]
    fn napcat_conventions_are_not_drift() {
        let schema = schema();
        let mut matcher = Matcher::new(&schema);
        let mut fits =
            |ours: TypeExpr, theirs: Shape, side| matcher.matches(&ours, &theirs, side, "a");
        let u32_ty = TypeExpr::Int(IntType::U32);
        assert!(fits(TypeExpr::GroupId, string(), Side::Param));
        assert!(fits(TypeExpr::GroupId, number_or_string(), Side::Param));
        assert!(fits(TypeExpr::UserId, Shape::Number, Side::Reply));
        assert!(fits(TypeExpr::UserId, number_or_string(), Side::Reply));
        assert!(fits(u32_ty.clone(), Shape::Number, Side::Param));
        assert!(fits(u32_ty.clone(), number_or_string(), Side::Param));
        assert!(fits(TypeExpr::MessageId, number_or_string(), Side::Param));
        assert!(fits(
            TypeExpr::Bool,
            Shape::Union(vec![Shape::Bool, string()]),
            Side::Param
        ));
        assert!(fits(TypeExpr::Message, Shape::Message, Side::Param));
        assert!(fits(
            TypeExpr::Message,
            Shape::Array(Box::new(Shape::Any)),
            Side::Reply
        ));
        assert!(fits(TypeExpr::Json, Shape::Null, Side::Reply));
        assert!(fits(u32_ty.clone(), number_or_string(), Side::Field));
        assert!(fits(TypeExpr::String, Shape::Number, Side::Field));
        assert!(fits(TypeExpr::String, number_or_string(), Side::Field));
        assert!(fits(u32_ty.clone(), Shape::Any, Side::Reply));
        let list = TypeExpr::List(Box::new(TypeExpr::Named("User".into())));
        assert!(fits(list, Shape::Array(Box::new(Shape::Any)), Side::Reply));
        let sex = TypeExpr::Named("Sex".into());
        assert!(fits(sex.clone(), string(), Side::Reply));
        assert!(fits(sex, Shape::String(vec!["male".into()]), Side::Reply));
        let string_or_null = Shape::Union(vec![string(), Shape::Null]);
        assert!(fits(TypeExpr::String, string_or_null, Side::Reply));
    }

    #[test]
    fn real_mismatches_are_drift() {
        let schema = schema();
        let mut matcher = Matcher::new(&schema);
        let mut fits =
            |ours: TypeExpr, theirs: Shape, side| matcher.matches(&ours, &theirs, side, "a");
        let u32_ty = TypeExpr::Int(IntType::U32);
        assert!(!fits(TypeExpr::GroupId, Shape::Number, Side::Param));
        assert!(!fits(u32_ty.clone(), string(), Side::Param));
        assert!(!fits(u32_ty.clone(), number_or_string(), Side::Reply));
        assert!(!fits(u32_ty.clone(), string(), Side::Field));
        assert!(!fits(TypeExpr::String, Shape::Number, Side::Reply));
        let list = TypeExpr::List(Box::new(u32_ty));
        assert!(!fits(
            list,
            Shape::Array(Box::new(number_or_string())),
            Side::Field
        ));
        assert!(!fits(TypeExpr::MessageId, string(), Side::Param));
        assert!(!fits(TypeExpr::String, Shape::Number, Side::Reply));
        assert!(!fits(TypeExpr::Bool, Shape::Null, Side::Reply));
        assert!(!fits(
            TypeExpr::Message,
            Shape::Array(Box::new(Shape::Number)),
            Side::Reply
        ));
        let sex = TypeExpr::Named("Sex".into());
        assert!(!fits(
            sex.clone(),
            Shape::String(vec!["male".into(), "robot".into()]),
            Side::Reply
        ));
        assert!(fits(
            sex.clone(),
            Shape::String(vec!["male".into(), "female".into(), "robot".into()]),
            Side::Param
        ));
        assert!(!fits(sex, Shape::Number, Side::Reply));
        assert!(!fits(TypeExpr::Named("User".into()), string(), Side::Reply));
    }

    #[test]
    fn the_same_object_is_paired_once() {
        let schema = schema();
        let mut matcher = Matcher::new(&schema);
        let user = |description: &str| {
            Shape::Object(Object {
                name: None,
                props: vec![crate::openapi::shape::Prop {
                    name: "user_id".into(),
                    shape: Shape::Number,
                    required: true,
                    default: None,
                    description: Some(description.into()),
                }],
            })
        };
        let ours = TypeExpr::Named("User".into());
        assert!(matcher.matches(&ours, &user("QQ号"), Side::Reply, "get_login_info"));
        assert!(matcher.matches(&ours, &user("用户QQ"), Side::Reply, "get_friend_list"));
        assert_eq!(matcher.pairings().len(), 1);
        assert_eq!(
            matcher.pairings()[0].used_by,
            BTreeSet::from(["get_friend_list".into(), "get_login_info".into()])
        );
    }
}

//! The schema an extension builds on: the shared types it may use, and the
//! names it must not take.

use crate::model::{Action, Schema, SharedType};

/// What an extension needs to know about the schema it extends: the shared
/// types it may use, and the names it must not take.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Base {
    /// The base schema's shared types.
    pub types: Vec<SharedType>,
    /// The base schema's actions, by name.
    pub actions: Vec<BaseAction>,
    /// The types of the base's `events.yaml` (hooks, enums and event
    /// structs): an extension's events may use them, and not redefine them.
    pub event_types: Vec<String>,
    /// The wire `type` of every segment kind of the base's `segments.yaml`:
    /// an extension's segment kinds may not be one of them.
    pub segment_kinds: Vec<String>,
    /// The base's segment data types (generated and hooks): an extension's
    /// segment data types may not take their names.
    pub segment_types: Vec<String>,
}

/// The names one base action takes.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseAction {
    /// Wire name.
    pub wire_name: String,
    /// Every client method it generates: its Rust name, then its aliases.
    pub methods: Vec<String>,
    /// The action as the base describes it (parameters, reply), for the
    /// parameters and reply fields an extension adds to it.
    pub action: Action,
}

impl Base {
    /// The base made of a whole schema.
    pub fn of(schema: &Schema) -> Base {
        Base {
            types: schema.types.clone(),
            actions: schema
                .actions
                .iter()
                .map(|action| BaseAction {
                    wire_name: action.wire_name.clone(),
                    methods: std::iter::once(&action.rust_name)
                        .chain(&action.aliases)
                        .cloned()
                        .collect(),
                    action: action.clone(),
                })
                .collect(),
            event_types: schema
                .events
                .as_ref()
                .map(crate::event::EventSchema::type_names)
                .unwrap_or_default(),
            segment_kinds: schema
                .segments
                .iter()
                .map(|kind| kind.kind.clone())
                .collect(),
            segment_types: segment_types(schema),
        }
    }

    /// The base's action whose wire name is `wire_name`.
    pub fn action(&self, wire_name: &str) -> Option<&Action> {
        self.actions
            .iter()
            .find(|action| action.wire_name == wire_name)
            .map(|action| &action.action)
    }

    /// The shared type called `name`, if the base has one.
    pub fn shared_type(&self, name: &str) -> Option<&SharedType> {
        self.types.iter().find(|ty| ty.name == name)
    }
}

/// Every segment data type `schema` names, each once, in file order.
fn segment_types(schema: &Schema) -> Vec<String> {
    let shapes = schema
        .segments
        .iter()
        .flat_map(|kind| [&kind.send, &kind.receive])
        .flatten()
        .flat_map(|shape| std::iter::once(&shape.rust_type).chain(&shape.extra_type));
    let hooks = schema.segment_hooks.iter().map(|hook| &hook.name);
    let mut names: Vec<String> = Vec::new();
    for name in shapes.chain(hooks) {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    names
}

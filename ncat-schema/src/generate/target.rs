//! Where the generated code is compiled, which decides how it names
//! ncat-api's items and its own.
//!
//! ncat's schema expands inside `ncat-api` (`crate::…`); an extension
//! schema expands in a bot's crate, where ncat-api is `::ncat_api` and the
//! extension's own types sit next to the macro call.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::base::Base;
use crate::model::{Schema, SharedType};

/// The schema being generated and, for an extension, the one it extends.
#[derive(Clone, Copy)]
pub(super) struct Target<'a> {
    pub schema: &'a Schema,
    pub base: Option<&'a Base>,
}

impl<'a> Target<'a> {
    /// ncat-api's own schema.
    pub fn built_in(schema: &'a Schema) -> Self {
        Target { schema, base: None }
    }

    pub fn is_extension(self) -> bool {
        self.base.is_some()
    }

    /// The path of ncat-api's runtime.
    pub fn runtime(self) -> TokenStream {
        if self.is_extension() {
            quote!(::ncat_api)
        } else {
            quote!(crate)
        }
    }

    /// [`runtime`](Self::runtime) in rustdoc links and attribute strings.
    pub fn runtime_doc(self) -> &'static str {
        if self.is_extension() {
            "::ncat_api"
        } else {
            "crate"
        }
    }

    /// The `serde` crate, as derives and paths name it.
    pub fn serde(self) -> TokenStream {
        if self.is_extension() {
            quote!(::ncat_api::extension::serde)
        } else {
            quote!(::serde)
        }
    }

    /// The `serde_json` crate.
    pub fn serde_json(self) -> TokenStream {
        if self.is_extension() {
            quote!(::ncat_api::extension::serde_json)
        } else {
            quote!(::serde_json)
        }
    }

    /// What serde derives need to find serde through ncat-api's re-export,
    /// so a bot's crate needs no serde dependency of its own.
    pub fn serde_crate_attr(self) -> TokenStream {
        if self.is_extension() {
            quote!(#[serde(crate = "::ncat_api::extension::serde")])
        } else {
            TokenStream::new()
        }
    }

    /// Whether the schema being generated defines the shared type `name`.
    pub fn is_own(self, name: &str) -> bool {
        self.schema.types.iter().any(|ty| ty.name == name)
    }

    /// A shared type, the schema's own or the base's.
    pub fn shared_type(self, name: &str) -> Option<&'a SharedType> {
        let own = self.schema.types.iter().find(|ty| ty.name == name);
        own.or_else(|| self.base.and_then(|base| base.shared_type(name)))
    }

    /// The path of a shared type.
    pub fn named_type(self, name: &str) -> TokenStream {
        let ident = format_ident!("{}", name);
        match (self.is_own(name), self.is_extension()) {
            (true, true) => quote!(#ident),
            (true, false) => quote!(crate::types::#ident),
            (false, _) => quote!(::ncat_api::types::#ident),
        }
    }

    /// [`named_type`](Self::named_type) as a rustdoc link target.
    pub fn named_type_doc(self, name: &str) -> String {
        match (self.is_own(name), self.is_extension()) {
            (true, true) => name.to_owned(),
            (true, false) => format!("crate::types::{name}"),
            (false, _) => format!("ncat_api::types::{name}"),
        }
    }

    /// A generated request or reply type as a rustdoc link target.
    pub fn action_type_doc(self, name: &str) -> String {
        if self.is_extension() {
            name.to_owned()
        } else {
            format!("crate::actions::{name}")
        }
    }

    /// A generated client method as a rustdoc link target.
    pub fn method_doc(self, method: &str) -> String {
        if self.is_extension() {
            format!("{CLIENT_TRAIT}::{method}")
        } else {
            format!("crate::Client::{method}")
        }
    }

    /// An item of ncat-api's runtime as a rustdoc link target (`Call`,
    /// `stream::StreamCall`).
    pub fn runtime_item_doc(self, path: &str) -> String {
        if self.is_extension() {
            format!("ncat_api::{path}")
        } else {
            format!("crate::{path}")
        }
    }
}

/// The trait that carries an extension's client methods.
pub(super) const CLIENT_TRAIT: &str = "ClientExt";

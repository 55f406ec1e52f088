//! Union parameter types: `string | list<string>`, `u32 | string`.
//!
//! NapCat declares some parameters as `anyOf` several forms. Such a
//! parameter is generated as a small enum, one variant per member, that
//! serializes untagged, i.e. exactly as the member it holds; its methods and
//! setters take `impl Into<ThatEnum>`, so callers pass any member directly.

use crate::ty::TypeExpr;

/// The name of the enum generated for a union parameter: the action's
/// PascalCase name and the parameter's (`DownloadFileHeaders`).
pub fn enum_name(action_rust_name: &str, param_rust_name: &str) -> String {
    format!(
        "{}{}",
        crate::naming::pascal_case(action_rust_name),
        crate::naming::pascal_case(param_rust_name)
    )
}

/// The enum variant a union member becomes (`String`, `List`, `U32`,
/// `GroupId`, …). Two members with the same variant name cannot be told
/// apart, which the validator reports.
pub fn variant_name(member: &TypeExpr) -> String {
    match member {
        TypeExpr::Bool => "Bool".into(),
        TypeExpr::Int(int) => int.name().to_uppercase(),
        TypeExpr::F64 => "F64".into(),
        TypeExpr::Json => "Json".into(),
        TypeExpr::List(_) => "List".into(),
        TypeExpr::Union(_) => "Union".into(),
        TypeExpr::String => "String".into(),
        TypeExpr::Named(name) => name.clone(),
        // Ids and messages: their schema spelling is already PascalCase.
        other => other.to_string(),
    }
}

/// Why the members of a union cannot form one enum, if they cannot.
pub fn problem(members: &[TypeExpr]) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    for member in members {
        match member {
            TypeExpr::ReceivedMessage | TypeExpr::DownloadFrame => {
                return Some(format!(
                    "`{member}` cannot be a union member: it is only ever received"
                ));
            }
            TypeExpr::Json => {
                return Some(
                    "`json` cannot be a union member: it already accepts every form".into(),
                );
            }
            _ => {}
        }
        let name = variant_name(member);
        if seen.contains(&name) {
            return Some(format!(
                "two members of this union would both be the variant `{name}`; a union takes at most one of each kind (one list, one integer width, …)"
            ));
        }
        seen.push(name);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_of_one_kind_collide() {
        let lists = [
            TypeExpr::parse("list<string>").unwrap(),
            TypeExpr::parse("list<u32>").unwrap(),
        ];
        assert!(problem(&lists).unwrap().contains("`List`"));
        let fine = [TypeExpr::String, TypeExpr::parse("list<string>").unwrap()];
        assert_eq!(problem(&fine), None);
    }
}

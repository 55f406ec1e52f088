//! Request query strings, read the way NapCat's Express server reads them.

use axum::extract::Query;
use axum::http::Uri;
use serde_json::{Map, Value};

/// The query string parsed like Express's default (`node:querystring`): every value is a string,
/// and a repeated key collects its values into an array.
pub(crate) fn query_params(uri: &Uri) -> Map<String, Value> {
    // Parsing into string pairs cannot fail (undecodable bytes become U+FFFD).
    let pairs = Query::<Vec<(String, String)>>::try_from_uri(uri)
        .map_or_else(|_| Vec::new(), |Query(pairs)| pairs);
    let mut params = Map::new();
    for (key, value) in pairs {
        let value = Value::String(value);
        match params.get_mut(&key) {
            None => {
                params.insert(key, value);
            }
            Some(Value::Array(values)) => values.push(value),
            Some(first) => *first = Value::Array(vec![first.take(), value]),
        }
    }
    params
}

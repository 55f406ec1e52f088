//! `ncat raw ACTION [JSON]`: any action by name, untyped.

use std::io::{IsTerminal, Read};

use ncat_api::Client;
use serde_json::Value;

use crate::failure::Failure;
use crate::reply::Printer;

/// Sends `action` with `params` (or standard input) and prints the reply's
/// data as it came.
pub async fn run(
    client: &Client,
    action: &str,
    params: Option<&str>,
    printer: Printer,
) -> Result<(), Failure> {
    let params = parse(&read(params)?)?;
    let data = client.call_raw(action, params).await?;
    printer.print(&data)
}

/// The parameters' text: the argument, or standard input for `-`, or when
/// it is not given and input is piped.
fn read(params: Option<&str>) -> Result<String, Failure> {
    let stdin = std::io::stdin();
    match params {
        Some("-") => {}
        Some(params) => return Ok(params.to_owned()),
        None if stdin.is_terminal() => return Ok(String::new()),
        None => {}
    }
    let mut text = String::new();
    stdin.lock().read_to_string(&mut text).map_err(|error| {
        Failure::Usage(format!(
            "cannot read the parameters from standard input: {error}"
        ))
    })?;
    Ok(text)
}

/// A JSON object; empty text is `{}`.
fn parse(text: &str) -> Result<Value, Failure> {
    if text.trim().is_empty() {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    match serde_json::from_str(text) {
        Ok(params @ Value::Object(_)) => Ok(params),
        Ok(_) => Err(Failure::Usage(
            "the parameters must be a JSON object".into(),
        )),
        Err(error) => Err(Failure::Usage(format!(
            "the parameters are not JSON: {error}"
        ))),
    }
}

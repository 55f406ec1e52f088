//! Sending a typed request and printing its typed reply as JSON.

use std::future::IntoFuture;
use std::io::{IsTerminal, Write};

use ncat_api::Client;
use ncat_api::stream::{FrameStream, StreamAction};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::failure::Failure;

/// What an action answered.
pub enum Reply {
    /// The reply's data: the typed output, serialized back to JSON (in
    /// its fields' order, which a `serde_json::Value` would sort).
    Value {
        /// On one line.
        compact: String,
        /// Indented.
        pretty: String,
    },
    /// A stream action's frames, each checked against the frame type.
    Frames(Frames),
}

/// The frames of a stream action as JSON, each decoded as `check` before it
/// is printed, so a frame the schema does not describe is an error here as
/// in the library.
pub struct Frames {
    stream: FrameStream<Value>,
    check: fn(&Value) -> Result<(), serde_json::Error>,
}

/// Sends a typed call and keeps its typed output as JSON.
pub async fn single<O: Serialize>(
    call: impl IntoFuture<Output = Result<O, ncat_api::Error>>,
) -> Result<Reply, Failure> {
    let output = call.await?;
    let cannot =
        |error: serde_json::Error| Failure::Other(format!("cannot print the reply: {error}"));
    Ok(Reply::Value {
        compact: serde_json::to_string(&output).map_err(cannot)?,
        pretty: serde_json::to_string_pretty(&output).map_err(cannot)?,
    })
}

/// Sends a stream action's typed request. The frames are read as JSON (and
/// checked against `A::Frame`) because frame types such as `DownloadFrame`
/// are decode-only.
pub async fn frames<A: StreamAction>(client: &Client, request: A) -> Result<Reply, Failure> {
    let params = serde_json::to_value(&request)
        .map_err(|error| Failure::internal(format!("cannot encode the request: {error}")))?;
    let stream = client.stream_raw(A::NAME, params).await?;
    Ok(Reply::Frames(Frames {
        stream,
        check: check_frame::<A::Frame>,
    }))
}

fn check_frame<F: DeserializeOwned>(frame: &Value) -> Result<(), serde_json::Error> {
    F::deserialize(frame).map(drop)
}

/// How JSON is written to standard output.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    /// Indented, for a person at a terminal; else one line per value.
    pub pretty: bool,
}

impl Printer {
    /// Pretty on a terminal unless `compact` is asked for; compact when
    /// piped.
    pub fn new(compact: bool) -> Self {
        Printer {
            pretty: !compact && std::io::stdout().is_terminal(),
        }
    }

    /// Writes one value and a newline.
    pub fn print(self, value: &Value) -> Result<(), Failure> {
        // A `Value` always serializes: its map keys are strings.
        let text = if self.pretty {
            serde_json::to_string_pretty(value)
        } else {
            serde_json::to_string(value)
        }
        .map_err(|error| Failure::Other(format!("cannot print the reply: {error}")))?;
        write_line(&text)
    }

    /// Prints a reply: the value, or every frame, one per line, as they
    /// arrive.
    pub async fn print_reply(self, reply: Reply) -> Result<(), Failure> {
        match reply {
            Reply::Value { compact, pretty } => {
                write_line(if self.pretty { &pretty } else { &compact })
            }
            Reply::Frames(mut frames) => {
                let line = Printer { pretty: false };
                while let Some(frame) = frames.stream.next().await {
                    let frame = frame?;
                    (frames.check)(&frame).map_err(|error| {
                        Failure::Other(format!(
                            "a frame does not match the schema: {error}\nframe: {frame}"
                        ))
                    })?;
                    line.print(&frame)?;
                }
                Ok(())
            }
        }
    }
}

fn write_line(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}")?;
    stdout.flush()?;
    Ok(())
}

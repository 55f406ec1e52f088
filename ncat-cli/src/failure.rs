//! Why a command failed, how it is printed, and its exit status.

use std::error::Error as StdError;
use std::fmt;
use std::process::ExitCode;

use ncat_api::Error;

/// Exit status when the command line is wrong: an unknown action or flag, a
/// missing required flag, a value of the wrong type, no URL (also clap's own
/// status for usage errors).
pub const USAGE: u8 = 2;
/// Exit status when NapCat ran (or refused) the action and reported a
/// failure (`Error::Action`), or is too old for it (`Error::Unsupported`).
pub const ACTION_FAILED: u8 = 3;
/// Exit status when NapCat rejected the access token (`Error::Unauthorized`).
pub const UNAUTHORIZED: u8 = 4;
/// Exit status when NapCat could not be reached or did not answer in time
/// (`Error::Transport`, `Error::Timeout`, `Error::Disconnected`).
pub const UNREACHABLE: u8 = 5;
/// Exit status for anything else: a reply that is not what NapCat sends
/// (`Error::MalformedReply`, `Error::Decode`, `Error::HttpStatus`,
/// `Error::ReplyTooLarge`), output that could not be written.
pub const OTHER: u8 = 1;

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// The call failed; printed as the `Error` variant and its message.
    Api(Error),
    /// The command line cannot be carried out as written.
    Usage(String),
    /// A service the command needs (NATS, for `gateway`) cannot be
    /// reached or refused it.
    Unreachable(String),
    /// Anything else (writing output, a reply that cannot be printed).
    Other(String),
}

impl Failure {
    /// A flag that clap parsed but the generated code could not read back:
    /// a generator bug, reported rather than panicking.
    pub fn internal(message: String) -> Self {
        Failure::Other(format!("internal error: {message}"))
    }

    /// An action name the generated dispatch does not know (clap only lets
    /// known ones through).
    pub fn unknown_action(action: &str) -> Self {
        Failure::Usage(format!("no action `{action}` in the schema"))
    }

    /// The process exit status for this failure.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(match self {
            Failure::Api(error) => api_exit_code(error),
            Failure::Usage(_) => USAGE,
            Failure::Unreachable(_) => UNREACHABLE,
            Failure::Other(_) => OTHER,
        })
    }
}

fn api_exit_code(error: &Error) -> u8 {
    match error {
        Error::Action(_) | Error::Unsupported { .. } => ACTION_FAILED,
        Error::Unauthorized { .. } => UNAUTHORIZED,
        Error::Transport { .. } | Error::Timeout { .. } | Error::Disconnected { .. } => UNREACHABLE,
        Error::Config { .. } => USAGE,
        _ => OTHER,
    }
}

/// The `Error` variant's name, so scripts and people can tell failures apart.
fn variant(error: &Error) -> &'static str {
    match error {
        Error::Transport { .. } => "Transport",
        Error::Timeout { .. } => "Timeout",
        Error::Disconnected { .. } => "Disconnected",
        Error::Unauthorized { .. } => "Unauthorized",
        Error::Action(_) => "Action",
        Error::Unsupported { .. } => "Unsupported",
        Error::StreamOverflow { .. } => "StreamOverflow",
        Error::HttpStatus { .. } => "HttpStatus",
        Error::ReplyTooLarge { .. } => "ReplyTooLarge",
        Error::MalformedReply { .. } => "MalformedReply",
        Error::Decode { .. } => "Decode",
        Error::Encode { .. } => "Encode",
        Error::ChecksumMismatch { .. } => "ChecksumMismatch",
        Error::LocalFile { .. } => "LocalFile",
        Error::EmptyMessage { .. } => "EmptyMessage",
        Error::Config { .. } => "Config",
        _ => "Error",
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Api(error) => {
                write!(f, "{}: {error}", variant(error))?;
                let mut source = error.source();
                while let Some(cause) = source {
                    write!(f, ": {cause}")?;
                    source = cause.source();
                }
                // What NapCat actually sent, to compare with the schema.
                match error {
                    Error::Decode { data, .. } => write!(f, "\nreply data: {data}"),
                    Error::MalformedReply { body, .. } | Error::HttpStatus { body, .. } => {
                        write!(f, "\nreply body: {body}")
                    }
                    _ => Ok(()),
                }
            }
            Failure::Usage(message) | Failure::Unreachable(message) | Failure::Other(message) => {
                f.write_str(message)
            }
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Api(error)
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Failure::Other(format!("cannot write the output: {error}"))
    }
}

//! [`Cmd`]: the message's parsed command, as a handler argument.

use crate::command::{Command, CommandSpec};
use crate::context::EventContext;
use crate::extract::{FromEvent, Rejection};

/// The parsed command of the message, as a handler argument: the handler
/// runs for messages that are one of `C`'s commands. A message with the
/// command's name but arguments that do not parse is answered with the
/// error and the usage line, and the handler does not run.
#[derive(Debug, Clone, PartialEq)]
pub struct Cmd<C>(pub C);

impl<S, C: Command> FromEvent<S> for Cmd<C> {
    fn fits(cx: &EventContext, _: &S) -> bool {
        cx.command_name()
            .is_some_and(|name| C::COMMANDS.iter().any(|spec| spec.answers_to(name)))
    }

    fn from_event(cx: &EventContext, _: &S) -> Result<Self, Rejection> {
        let name = cx.command_name().ok_or(Rejection::Skip)?;
        let index = C::COMMANDS
            .iter()
            .position(|spec| spec.answers_to(name))
            .ok_or(Rejection::Skip)?;
        let mut args = cx.command_args().ok_or(Rejection::Skip)?;
        C::parse(index, &mut args).map(Cmd).map_err(|error| {
            Rejection::Reply(format!(
                "{error}\nusage: {}",
                C::COMMANDS[index].usage(cx.command_prefix())
            ))
        })
    }

    fn commands(commands: &mut Vec<&'static CommandSpec>) {
        commands.extend(C::COMMANDS.iter());
    }
}

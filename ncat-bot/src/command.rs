//! Typed commands: [`Command`] (derived), its arguments ([`Arg`]), and
//! where a command stands in a message.

use std::fmt;

use ncat_api::segment::{At, ReceivedImage};
use ncat_api::{GroupId, ReceivedMessage, ReceivedSegment, UserId};

/// What a command starts with: text such as `/` or `!`, nothing, or an
/// @-mention of the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prefix {
    /// The message starts with this text (`""`: any message may be a command).
    Text(String),
    /// The message starts with an @-mention of the bot account.
    Mention,
}

impl From<&str> for Prefix {
    fn from(prefix: &str) -> Self {
        Prefix::Text(prefix.to_owned())
    }
}

impl Prefix {
    /// How the prefix is written in usage lines.
    fn shown(&self) -> &str {
        match self {
            Prefix::Text(text) => text,
            Prefix::Mention => "@bot ",
        }
    }
}

/// One command: its name, aliases, help and arguments, as
/// `#[derive(Command)]` reads them from the type and its doc comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandSpec {
    /// The name, e.g. `mute` for `/mute`.
    pub name: &'static str,
    /// Other names that run it.
    pub aliases: &'static [&'static str],
    /// The first paragraph of its doc comment.
    pub help: &'static str,
    /// Its arguments, in order.
    pub args: &'static [ArgSpec],
    /// Left out of `/help`.
    pub hidden: bool,
}

/// One argument of a [`CommandSpec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArgSpec {
    /// The field's name.
    pub name: &'static str,
    /// What it takes, from [`Arg::KIND`] (`number`, `@user`, `image`, …).
    pub kind: &'static str,
    /// Whether it may be left out.
    pub optional: bool,
}

impl CommandSpec {
    /// Whether `name` is this command's name or one of its aliases.
    pub fn answers_to(&self, name: &str) -> bool {
        self.name == name || self.aliases.contains(&name)
    }

    /// The usage line, e.g. `/mute <user: @user> <seconds: number>`.
    pub fn usage(&self, prefix: &str) -> String {
        let mut usage = format!("{prefix}{}", self.name);
        for arg in self.args {
            let (open, close) = if arg.optional { ('[', ']') } else { ('<', '>') };
            usage.push_str(&format!(" {open}{}: {}{close}", arg.name, arg.kind));
        }
        usage
    }
}

/// A command, or a set of commands (an enum, one per variant), parsed from
/// a message. Derive it:
///
/// ```
/// use ncat_api::UserId;
/// use ncat_bot::Command;
///
/// /// Mutes a member.
/// #[derive(Command)]
/// #[command(aliases("m", "禁言"))]
/// struct Mute {
///     user: UserId,
///     seconds: u32,
/// }
/// ```
///
/// The name is the type's (or variant's) name in lower case unless
/// `#[command(name = "…")]` says otherwise; `aliases(…)` adds names;
/// `hide` leaves it out of `/help`; the help text is the doc comment's
/// first paragraph. Each field is an [`Arg`], parsed in order.
pub trait Command: Sized + Send + 'static {
    /// The commands, one for a struct, one per variant for an enum.
    const COMMANDS: &'static [CommandSpec];

    /// Parses the arguments of the command `COMMANDS[index]`.
    fn parse(index: usize, args: &mut Args<'_>) -> Result<Self, CommandError>;
}

/// Where a command is in a message: found once per event.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Head {
    /// Which prefix matched.
    pub(crate) prefix: usize,
    /// The segment holding the name.
    segment: usize,
    /// The name, as a byte range of that segment's text.
    name: (usize, usize),
}

/// Finds the command in `message`, if it starts with one of `prefixes`.
pub(crate) fn find_head(
    message: &ReceivedMessage,
    prefixes: &[Prefix],
    self_id: UserId,
) -> Option<Head> {
    let segments = message.segments();
    // A quote comes first when the command answers a message.
    let first = segments
        .iter()
        .position(|segment| !matches!(segment, ReceivedSegment::Reply(_)))?;
    for (index, prefix) in prefixes.iter().enumerate() {
        let (segment, prefix_text) = match prefix {
            Prefix::Text(text) => (first, text.as_str()),
            Prefix::Mention => match &segments[first] {
                ReceivedSegment::At(at) if at.target == At::User(self_id) => (first + 1, ""),
                _ => continue,
            },
        };
        let Some(ReceivedSegment::Text(text)) = segments.get(segment) else {
            continue;
        };
        let text = text.text.as_str();
        let start = text.len() - text.trim_start().len();
        let Some(after) = text[start..].strip_prefix(prefix_text) else {
            continue;
        };
        let name_len = after.find(char::is_whitespace).unwrap_or(after.len());
        if name_len == 0 {
            continue;
        }
        let name_start = start + prefix_text.len();
        return Some(Head {
            prefix: index,
            segment,
            name: (name_start, name_start + name_len),
        });
    }
    None
}

impl Head {
    pub(crate) fn name(self, message: &ReceivedMessage) -> &str {
        match &message.segments()[self.segment] {
            ReceivedSegment::Text(text) => &text.text[self.name.0..self.name.1],
            _ => "",
        }
    }

    pub(crate) fn args(self, message: &ReceivedMessage) -> Args<'_> {
        Args::after(message, self.segment, self.name.1)
    }

    pub(crate) fn prefix_shown(self, prefixes: &[Prefix]) -> &str {
        prefixes.get(self.prefix).map_or("", Prefix::shown)
    }
}

/// One piece of a command's arguments.
#[derive(Debug, Clone, Copy)]
pub enum Token<'a> {
    /// A word of text; `rest` is the text from the word to the end of its
    /// segment.
    Word {
        /// The word.
        word: &'a str,
        /// The word and what follows it in its segment.
        rest: &'a str,
        /// Which segment it is in.
        segment: usize,
    },
    /// A segment that is not text: a mention, an image, a face…
    Segment(&'a ReceivedSegment),
}

/// The arguments of a command, split into words and segments.
#[derive(Debug, Clone)]
pub struct Args<'a> {
    tokens: Vec<Token<'a>>,
    next: usize,
    /// Each text segment's text (from the arguments' start in the first),
    /// by segment index, for [`rest_text`](Self::rest_text).
    texts: Vec<(usize, &'a str)>,
}

impl<'a> Args<'a> {
    /// The arguments after byte `from` of segment `segment`.
    fn after(message: &'a ReceivedMessage, segment: usize, from: usize) -> Self {
        let mut tokens = Vec::new();
        let mut texts = Vec::new();
        for (index, received) in message.segments().iter().enumerate().skip(segment) {
            match received {
                ReceivedSegment::Text(text) => {
                    let text = if index == segment {
                        &text.text[from..]
                    } else {
                        text.text.as_str()
                    };
                    texts.push((index, text));
                    let base = text.as_ptr() as usize;
                    tokens.extend(text.split_whitespace().map(|word| Token::Word {
                        word,
                        rest: &text[word.as_ptr() as usize - base..],
                        segment: index,
                    }));
                }
                other => tokens.push(Token::Segment(other)),
            }
        }
        Args {
            tokens,
            next: 0,
            texts,
        }
    }

    /// Takes the next token.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Token<'a>> {
        let token = self.tokens.get(self.next).copied()?;
        self.next += 1;
        Some(token)
    }

    /// The next token, left in place.
    pub fn peek(&self) -> Option<Token<'a>> {
        self.tokens.get(self.next).copied()
    }

    /// Whether every token was taken.
    pub fn is_empty(&self) -> bool {
        self.next >= self.tokens.len()
    }

    /// Takes everything left as text: the text as written, mentions as
    /// `@<QQ number>`, other segments left out.
    pub fn rest_text(&mut self) -> String {
        let mut text = String::new();
        let mut last_segment = None;
        while let Some(token) = self.next() {
            match token {
                Token::Word { rest, segment, .. } => {
                    if last_segment != Some(segment) {
                        // The first word taken starts the text; a later
                        // segment comes whole, with its leading space.
                        let whole = self
                            .texts
                            .iter()
                            .find(|(index, _)| *index == segment)
                            .map(|(_, whole)| *whole);
                        match whole {
                            Some(whole) if !text.is_empty() => text.push_str(whole),
                            _ => text.push_str(rest),
                        }
                        last_segment = Some(segment);
                    }
                }
                Token::Segment(ReceivedSegment::At(at)) => {
                    last_segment = None;
                    match at.target {
                        At::User(user) => text.push_str(&format!("@{user}")),
                        At::All => text.push_str("@all"),
                        _ => {}
                    }
                }
                Token::Segment(_) => last_segment = None,
            }
        }
        text.trim().to_owned()
    }

    /// Takes the next word; an error if the next token is a segment or
    /// there is none.
    pub fn word(&mut self) -> Result<&'a str, ArgError> {
        match self.next() {
            Some(Token::Word { word, .. }) => Ok(word),
            Some(other) => Err(ArgError::invalid(other)),
            None => Err(ArgError::Missing),
        }
    }

    /// Parses the argument `name` of type `T` (what derived commands call
    /// for each field).
    pub fn arg<T: Arg>(&mut self, name: &'static str) -> Result<T, CommandError> {
        T::parse(self).map_err(|error| CommandError::Arg {
            name,
            kind: T::KIND,
            error,
        })
    }

    /// Fails if tokens are left over (what derived commands call last).
    pub fn finish(&mut self) -> Result<(), CommandError> {
        match self.next() {
            None => Ok(()),
            Some(token) => Err(CommandError::Extra(describe(token))),
        }
    }
}

/// How a token reads in an error message.
fn describe(token: Token<'_>) -> String {
    match token {
        Token::Word { word, .. } => word.to_owned(),
        Token::Segment(ReceivedSegment::At(at)) => match at.target {
            At::User(user) => format!("@{user}"),
            _ => "@all".to_owned(),
        },
        Token::Segment(segment) => format!("[{}]", segment.kind()),
    }
}

/// Why one argument did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ArgError {
    /// There was nothing left for it.
    Missing,
    /// What was there (as written) is not one.
    Invalid(String),
}

impl ArgError {
    /// The error for `token`, which is not what the argument takes.
    pub fn invalid(token: Token<'_>) -> Self {
        ArgError::Invalid(describe(token))
    }
}

/// Why a command's arguments did not parse; shown to the user with the
/// usage line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CommandError {
    /// An argument is missing or wrong.
    Arg {
        /// The argument (the field's name).
        name: &'static str,
        /// What it takes ([`Arg::KIND`]).
        kind: &'static str,
        /// What went wrong.
        error: ArgError,
    },
    /// Something was left after the last argument.
    Extra(String),
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::Arg {
                name,
                kind,
                error: ArgError::Missing,
            } => write!(f, "missing <{name}> ({kind})"),
            CommandError::Arg {
                name,
                kind,
                error: ArgError::Invalid(got),
            } => write!(f, "expected {kind} for <{name}>, got `{got}`"),
            CommandError::Extra(extra) => write!(f, "unexpected `{extra}`"),
        }
    }
}

impl std::error::Error for CommandError {}

/// A type a command's field can have: how it is read from the arguments.
///
/// Implemented for text (`String`: one word; [`Rest`]: all that is left),
/// integers and floats, `bool` (`yes`/`no`, `on`/`off`, `true`/`false`),
/// [`UserId`] (an @-mention or a QQ number), [`GroupId`], [`ReceivedImage`]
/// (an image segment), `Option<T>` (may be left out), `Vec<T>` (all that
/// is left), [`Parsed<T>`] (any `FromStr`), and unit enums with
/// `#[derive(CommandArg)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a command argument",
    label = "not an `Arg`",
    note = "use a type that implements `Arg` (String, Rest, numbers, bool, UserId, GroupId, \
            ReceivedImage, Option<T>, Vec<T>), wrap a `FromStr` type in `Parsed<T>`, derive \
            `CommandArg` for a unit enum, or implement `Arg`"
)]
pub trait Arg: Sized {
    /// What the argument takes, for usage lines and errors (`number`, `@user`).
    const KIND: &'static str;
    /// Whether it may be left out.
    const OPTIONAL: bool = false;

    /// Reads the argument from the next tokens.
    fn parse(args: &mut Args<'_>) -> Result<Self, ArgError>;
}

impl Arg for String {
    const KIND: &'static str = "word";

    fn parse(args: &mut Args<'_>) -> Result<Self, ArgError> {
        args.word().map(str::to_owned)
    }
}

/// All the text left in the message (at least one word), as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rest(pub String);

impl Arg for Rest {
    const KIND: &'static str = "text";

    fn parse(args: &mut Args<'_>) -> Result<Self, ArgError> {
        let text = args.rest_text();
        if text.is_empty() {
            return Err(ArgError::Missing);
        }
        Ok(Rest(text))
    }
}

/// Any `FromStr` type, from one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Parsed<T>(pub T);

impl<T: std::str::FromStr> Arg for Parsed<T> {
    const KIND: &'static str = "value";

    fn parse(args: &mut Args<'_>) -> Result<Self, ArgError> {
        let word = args.word()?;
        word.parse()
            .map(Parsed)
            .map_err(|_| ArgError::Invalid(word.to_owned()))
    }
}

macro_rules! number_arg {
    ($($ty:ty),*) => {$(
        impl Arg for $ty {
            const KIND: &'static str = "number";

            fn parse(args: &mut Args<'_>) -> Result<Self, ArgError> {
                let word = args.word()?;
                word.parse().map_err(|_| ArgError::Invalid(word.to_owned()))
            }
        }
    )*};
}

number_arg!(i8, i16, i32, i64, u8, u16, u32, u64, usize, f32, f64);

impl Arg for bool {
    const KIND: &'static str = "yes/no";

    fn parse(args: &mut Args<'_>) -> Result<Self, ArgError> {
        let word = args.word()?;
        match word.to_lowercase().as_str() {
            "yes" | "y" | "on" | "true" | "1" | "是" | "开" => Ok(true),
            "no" | "n" | "off" | "false" | "0" | "否" | "关" => Ok(false),
            _ => Err(ArgError::Invalid(word.to_owned())),
        }
    }
}

impl Arg for UserId {
    const KIND: &'static str = "@user";

    fn parse(args: &mut Args<'_>) -> Result<Self, ArgError> {
        match args.next() {
            Some(Token::Segment(ReceivedSegment::At(at))) => match at.target {
                At::User(user) => Ok(user),
                _ => Err(ArgError::Invalid("@all".to_owned())),
            },
            Some(Token::Word { word, .. }) => word
                .trim_start_matches('@')
                .parse()
                .map_err(|_| ArgError::Invalid(word.to_owned())),
            Some(other) => Err(ArgError::invalid(other)),
            None => Err(ArgError::Missing),
        }
    }
}

impl Arg for GroupId {
    const KIND: &'static str = "group number";

    fn parse(args: &mut Args<'_>) -> Result<Self, ArgError> {
        let word = args.word()?;
        word.parse().map_err(|_| ArgError::Invalid(word.to_owned()))
    }
}

impl Arg for ReceivedImage {
    const KIND: &'static str = "image";

    fn parse(args: &mut Args<'_>) -> Result<Self, ArgError> {
        match args.next() {
            Some(Token::Segment(ReceivedSegment::Image(image))) => Ok(image.clone()),
            Some(other) => Err(ArgError::invalid(other)),
            None => Err(ArgError::Missing),
        }
    }
}

impl<T: Arg> Arg for Option<T> {
    const KIND: &'static str = T::KIND;
    const OPTIONAL: bool = true;

    fn parse(args: &mut Args<'_>) -> Result<Self, ArgError> {
        if args.is_empty() {
            return Ok(None);
        }
        T::parse(args).map(Some)
    }
}

impl<T: Arg> Arg for Vec<T> {
    const KIND: &'static str = T::KIND;
    const OPTIONAL: bool = true;

    fn parse(args: &mut Args<'_>) -> Result<Self, ArgError> {
        let mut values = Vec::new();
        while !args.is_empty() {
            values.push(T::parse(args)?);
        }
        Ok(values)
    }
}

/// The `/help` text: every visible command with its usage and help.
pub(crate) fn help_text(commands: &[&'static CommandSpec], prefix: &str) -> String {
    let mut text = String::from("commands:");
    for spec in commands.iter().filter(|spec| !spec.hidden) {
        text.push_str(&format!("\n{}", spec.usage(prefix)));
        if !spec.help.is_empty() {
            text.push_str(&format!(" — {}", spec.help));
        }
        if !spec.aliases.is_empty() {
            text.push_str(&format!(" (also: {})", spec.aliases.join(", ")));
        }
    }
    text
}

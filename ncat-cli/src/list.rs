//! `ncat actions [WORD]`: the `ncat call` subcommands with their summaries.

use std::io::Write;

use clap::Command;

use crate::failure::Failure;

/// Prints one line per action (`wire_name  summary`, then its other names),
/// keeping those whose names or summary contain `word` (any case).
pub fn run(word: Option<&str>) -> Result<(), Failure> {
    let word = word.map(str::to_lowercase);
    let mut stdout = std::io::stdout().lock();
    for action in crate::actions::commands() {
        let line = line(&action);
        if word
            .as_ref()
            .is_none_or(|word| line.to_lowercase().contains(word))
        {
            writeln!(stdout, "{line}")?;
        }
    }
    Ok(())
}

fn line(action: &Command) -> String {
    let about = action
        .get_about()
        .map(ToString::to_string)
        .unwrap_or_default();
    let mut line = format!("{:<36} {about}", action.get_name());
    let aliases: Vec<&str> = action.get_all_aliases().collect();
    if !aliases.is_empty() {
        line.push_str(&format!(" (also: {})", aliases.join(", ")));
    }
    line
}

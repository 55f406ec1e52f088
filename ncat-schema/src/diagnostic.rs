//! Schema errors that point at a file, line and column.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in the schema, located in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, or the schema directory for problems that are not in a file.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem has no position (a missing file).
    pub line: u64,
    /// 1-based column in characters; 0 when unknown.
    pub column: u64,
    /// What is wrong, and how to fix it where that is not obvious.
    pub message: String,
    /// The offending source line, quoted under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A problem at a position in a file whose text is `source`.
    pub fn at(file: &Path, source: &str, line: u64, column: u64, message: String) -> Self {
        let source_line = usize::try_from(line)
            .ok()
            .and_then(|line| line.checked_sub(1))
            .and_then(|index| source.lines().nth(index))
            .map(str::to_owned);
        Diagnostic {
            file: file.to_owned(),
            line,
            column,
            message,
            source_line,
        }
    }

    /// A problem with a path as a whole (unreadable, missing).
    pub fn whole_file(file: &Path, message: String) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line: 0,
            column: 0,
            message,
            source_line: None,
        }
    }
}

/// `file:line:col: message`, then the source line with a caret, like rustc.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        if self.line == 0 {
            return write!(f, "{file}: {}", self.message);
        }
        write!(f, "{file}:{}:{}: {}", self.line, self.column, self.message)?;
        if let Some(text) = &self.source_line {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            let caret_indent: String = text
                .chars()
                .take(usize::try_from(self.column.saturating_sub(1)).unwrap_or(0))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n{gutter} |\n{number} | {text}\n{gutter} | {caret_indent}^"
            )?;
        }
        Ok(())
    }
}

/// Every problem found in one load, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("\n\n")?;
            }
            write!(f, "error: {diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_line_and_caret() {
        let source = "actions:\n  - action: x\n    params: 3\n";
        let diagnostic = Diagnostic::at(
            Path::new("schema/group.yaml"),
            source,
            3,
            13,
            "expected a list".into(),
        );
        assert_eq!(
            diagnostic.to_string(),
            "schema/group.yaml:3:13: expected a list\n  |\n3 |     params: 3\n  |             ^"
        );
    }

    #[test]
    fn renders_whole_file_problems_without_position() {
        let diagnostic = Diagnostic::whole_file(Path::new("schema"), "no such directory".into());
        assert_eq!(diagnostic.to_string(), "schema: no such directory");
    }
}

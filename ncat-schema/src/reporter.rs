//! Recording validation problems against the schema file being checked.

use serde_saphyr::Spanned;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Records problems against the file being checked.
pub(crate) struct Reporter<'a> {
    pub(crate) source: &'a SourceFile,
    pub(crate) diagnostics: &'a mut Vec<Diagnostic>,
}

impl Reporter<'_> {
    pub(crate) fn error<T>(&mut self, at: &Spanned<T>, message: String) {
        self.diagnostics.push(Diagnostic::at(
            &self.source.path,
            &self.source.text,
            at.referenced.line(),
            at.referenced.column(),
            message,
        ));
    }
}

//! The library's error: a message from the catalogue, the problems behind it, and what to do.
//! Every error ends the command with exit code 2 (bad usage or bad input); nothing is written.

use crate::check::Diagnostic;
use crate::i18n::Msg;

/// Boxed so that `Result<T, Error>` stays one pointer wide on the success path.
#[derive(Debug)]
pub struct Error(Box<ErrorData>);

#[derive(Debug)]
pub struct ErrorData {
    pub msg: Msg,
    /// The problems that caused it (an invalid record refused, a broken registry).
    pub diagnostics: Vec<Diagnostic>,
    /// What the user can do next.
    pub hint: Option<Msg>,
    /// Texts that were refused and never written, (file, text), so the problems can be shown
    /// on the text the user meant rather than on the file as it still is.
    pub sources: Vec<(String, String)>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(msg: Msg) -> Self {
        Error(Box::new(ErrorData { msg, diagnostics: Vec::new(), hint: None, sources: Vec::new() }))
    }

    pub fn with_diagnostics(mut self, diagnostics: Vec<Diagnostic>) -> Self {
        self.diagnostics = diagnostics;
        self
    }

    pub fn with_source(mut self, rel: impl Into<String>, text: impl Into<String>) -> Self {
        self.sources.push((rel.into(), text.into()));
        self
    }

    pub fn with_hint(mut self, hint: Msg) -> Self {
        self.hint = Some(hint);
        self
    }

    /// An I/O failure on `path`, with the path in the message.
    pub fn io(path: &std::path::Path, err: std::io::Error) -> Self {
        Error::new(Msg::ReadFailed { detail: format!("{}: {err}", path.display()) })
    }
}

impl std::ops::Deref for Error {
    type Target = ErrorData;

    fn deref(&self) -> &ErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorData {
        &mut self.0
    }
}

impl From<Msg> for Error {
    fn from(msg: Msg) -> Self {
        Error::new(msg)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Lang::En.text(&self.msg))
    }
}

impl std::error::Error for Error {}

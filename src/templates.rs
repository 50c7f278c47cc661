//! The built-in default templates, compiled in and written into a new registry by `init`.

/// (file name in `templates/`, contents)
pub const DEFAULTS: &[(&str, &str)] = &[];

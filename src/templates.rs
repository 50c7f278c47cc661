//! The built-in default templates, compiled in and written into a new registry by `init`
//! (the files live in the project's top-level `templates/` folder).

/// (file name in `templates/`, contents)
pub const DEFAULTS: &[(&str, &str)] = &[
    ("agreement.uk.md", include_str!("../templates/agreement.uk.md")),
    ("agreement.en.md", include_str!("../templates/agreement.en.md")),
    ("agreement.html", include_str!("../templates/agreement.html")),
];

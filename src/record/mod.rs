//! The typed records of a registry (docs/schema.md): one struct per file kind.

pub mod agreement;
pub mod child;
pub mod config;
pub mod date;
pub mod enums;
pub mod hours;
pub mod institution;
pub mod mentor;
pub mod schema;
pub mod validate;

pub use agreement::Agreement;
pub use child::Child;
pub use config::Config;
pub use date::Date;
pub use hours::Minutes;
pub use institution::Institution;
pub use mentor::Mentor;

/// A record kind's struct: which kind it is, and the cheap screen of its values.
pub trait Record: serde::de::DeserializeOwned + validate::Screen {
    const KIND: Kind;
}

impl Record for Child {
    const KIND: Kind = Kind::Child;
}
impl Record for Mentor {
    const KIND: Kind = Kind::Mentor;
}
impl Record for Institution {
    const KIND: Kind = Kind::Institution;
}
impl Record for Agreement {
    const KIND: Kind = Kind::Agreement;
}

/// The four kinds of record file, each in its own folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Child,
    Mentor,
    Institution,
    Agreement,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Child, Kind::Mentor, Kind::Institution, Kind::Agreement];

    /// The folder of the registry holding this kind's files.
    pub fn dir(self) -> &'static str {
        match self {
            Kind::Child => "children",
            Kind::Mentor => "mentors",
            Kind::Institution => "institutions",
            Kind::Agreement => "agreements",
        }
    }

    /// The word used in commands and commit messages (`child add c-0007`).
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Child => "child",
            Kind::Mentor => "mentor",
            Kind::Institution => "institution",
            Kind::Agreement => "agreement",
        }
    }

    /// The prefix of the IDs `add` assigns (`c-0001`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            Kind::Child => "c",
            Kind::Mentor => "m",
            Kind::Institution => "i",
            Kind::Agreement => "a",
        }
    }
}

/// IDs are `[a-z0-9][a-z0-9-]{0,63}`: safe as file names on every system, never a path.
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 64
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// "Surname Given Patronymic", the order of Ukrainian official documents.
pub fn full_name(surname: &str, given_name: &str, patronymic: Option<&str>) -> String {
    match patronymic {
        Some(p) if !p.is_empty() => format!("{surname} {given_name} {p}"),
        _ => format!("{surname} {given_name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::is_valid_id;

    #[test]
    fn ids_that_could_be_paths_are_invalid() {
        for bad in ["", "../x", "a/b", "C-1", "-a", "a b", "a.toml", &"a".repeat(65)] {
            assert!(!is_valid_id(bad), "{bad:?}");
        }
        for good in ["c-0001", "m-1", "0", &"a".repeat(64)] {
            assert!(is_valid_id(good), "{good:?}");
        }
    }
}

/// A language the tool speaks (the registry's `language`, `--lang`): Ukrainian by default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Uk,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Uk, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Uk => "uk",
            Language::En => "en",
        }
    }
}

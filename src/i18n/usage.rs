//! What the command-line parser says, in Ukrainian: its errors (from clap's error kind and
//! context, gathered by `cli::errors`) and the refusals of our own value parsers. In English
//! clap speaks for itself; our value parsers' English is their `Display`.

/// A value of a flag our parsers refuse, typed so that each language words it.
#[derive(Clone, Debug, PartialEq)]
pub enum BadArgValue {
    /// Not `YYYY-MM-DD` nor `DD.MM.YYYY`, or a day the calendar does not have.
    Date { text: String },
    /// A contact's `--hours`: `why` says what is wrong, in English (from the record layer).
    Hours { text: String, why: HoursWhy },
    /// `find` given nothing but spaces (or nothing) to look for.
    NothingToFind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum HoursWhy {
    NotANumber,
    Detail(String),
    OutOfRange,
}

const HOURS_EN: &str =
    "a contact lasts more than 0 and at most 24 hours (never negative), in whole minutes (e.g. 1.5)";
const HOURS_UK: &str =
    "контакт триває більше 0 і не більше 24 годин (ніколи не від'ємне число), у цілих хвилинах (напр. 1.5)";

impl std::fmt::Display for BadArgValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BadArgValue::Date { text } => write!(
                f,
                "`{text}` is not a date: write YYYY-MM-DD or DD.MM.YYYY, a day the calendar has, e.g. 2026-09-05 or 05.09.2026"
            ),
            BadArgValue::Hours { text, why: HoursWhy::NotANumber } => {
                write!(f, "`{text}` is not a number; {HOURS_EN}")
            }
            BadArgValue::Hours { why: HoursWhy::Detail(why), .. } => write!(f, "{why}; {HOURS_EN}"),
            BadArgValue::Hours { text, why: HoursWhy::OutOfRange } => write!(f, "`{text}` hours: {HOURS_EN}"),
            BadArgValue::NothingToFind => write!(
                f,
                "nothing to look for: give a part of a name, an ID, a settlement or a community, \
                 e.g. `nastavnyk find Коваленко`"
            ),
        }
    }
}

impl std::error::Error for BadArgValue {}

impl BadArgValue {
    pub fn uk(&self) -> String {
        match self {
            BadArgValue::Date { text } => format!(
                "`{text}` — не дата: напишіть РРРР-ММ-ДД або ДД.ММ.РРРР, день, який є в календарі, напр. 2026-09-05 чи 05.09.2026"
            ),
            BadArgValue::Hours { text, why: HoursWhy::NotANumber } => {
                format!("`{text}` — не число; {HOURS_UK}")
            }
            BadArgValue::Hours { text, .. } => format!("`{text}` год — не підходить: {HOURS_UK}"),
            BadArgValue::NothingToFind => "немає що шукати: дайте частину імені, ідентифікатор, \
                 населений пункт чи громаду, напр. `nastavnyk find Коваленко`"
                .to_string(),
        }
    }
}

/// One of clap's errors, with what its context says, for the Ukrainian wording.
#[derive(Clone, Debug, PartialEq)]
pub enum UsageMsg {
    /// Every required argument not given (clap lists them all at once).
    MissingRequired {
        args: Vec<String>,
    },
    UnknownArgument {
        arg: String,
        suggestion: Option<String>,
    },
    UnknownCommand {
        name: String,
        suggestion: Option<String>,
    },
    /// A value outside a fixed list (`valid` may be empty when clap does not say).
    InvalidValue {
        arg: String,
        value: String,
        valid: Vec<String>,
        suggestion: Option<String>,
    },
    /// A flag that needs a value given without one.
    EmptyValue {
        arg: String,
        valid: Vec<String>,
    },
    /// A value a parser refused: `why` already in Ukrainian.
    ValueRefused {
        arg: String,
        value: String,
        why: String,
    },
    /// A value given to a flag that takes none, or too many values.
    UnexpectedValue {
        arg: String,
        value: String,
    },
    Conflict {
        arg: String,
        other: Option<String>,
    },
    MissingCommand {
        name: String,
        valid: Vec<String>,
    },
    NotUtf8,
    /// Anything else clap may say; its English detail, kept rather than lost.
    Other {
        detail: String,
    },
}

pub fn uk(msg: &UsageMsg) -> String {
    use UsageMsg::*;
    let maybe = |s: &Option<String>| {
        s.as_ref().map(|s| format!("\n\n  підказка: можливо, ви мали на увазі '{s}'?")).unwrap_or_default()
    };
    let values = |valid: &[String]| {
        if valid.is_empty() {
            String::new()
        } else {
            format!("\n  [можливі значення: {}]", valid.join(", "))
        }
    };
    match msg {
        // Genitive after «бракує»: one argument, or several (no number stands before them).
        MissingRequired { args } => format!(
            "бракує {}:{}",
            if args.len() == 1 {
                "обов'язкового аргументу"
            } else {
                "обов'язкових аргументів"
            },
            args.iter().map(|a| format!("\n  {a}")).collect::<String>()
        ),
        UnknownArgument { arg, suggestion } => format!("неочікуваний аргумент '{arg}'{}", maybe(suggestion)),
        UnknownCommand { name, suggestion } => format!("невідома команда '{name}'{}", maybe(suggestion)),
        InvalidValue { arg, value, valid, suggestion } => {
            format!("неприпустиме значення '{value}' для '{arg}'{}{}", values(valid), maybe(suggestion))
        }
        EmptyValue { arg, valid } => {
            format!("для '{arg}' потрібне значення, але його не вказано{}", values(valid))
        }
        ValueRefused { arg, value, why } => format!("неприпустиме значення '{value}' для '{arg}': {why}"),
        UnexpectedValue { arg, value } => format!("'{arg}' не приймає значення '{value}'"),
        Conflict { arg, other: Some(other) } => format!("'{arg}' не можна вказувати разом з '{other}'"),
        Conflict { arg, other: None } => format!("'{arg}' не можна вказувати разом з іншими аргументами"),
        MissingCommand { name, valid } => format!(
            "'{name}' потребує команди, але її не вказано{}",
            if valid.is_empty() {
                String::new()
            } else {
                format!("\n  [команди: {}]", valid.join(", "))
            }
        ),
        NotUtf8 => "аргумент командного рядка не в UTF-8".to_string(),
        Other { detail } => detail.clone(),
    }
}

/// What clap's own value parsers say (a range, a whole number), in Ukrainian.
pub fn uk_parser_detail(detail: &str) -> String {
    if let Some((value, range)) = detail.split_once(" is not in ") {
        return format!("{value} не в межах {}", range.replace("..=", " – "));
    }
    if detail.contains("invalid digit") || detail.contains("cannot parse integer") {
        return "потрібне ціле невід'ємне число".to_string();
    }
    if detail.contains("number too large") {
        return "завелике число".to_string();
    }
    detail.to_string()
}

/// clap's tips after an unknown argument ("to pass '-5' as a value, use '-- -5'").
pub fn uk_tip(tip: &str) -> String {
    let quoted: Vec<&str> = tip.split('\'').skip(1).step_by(2).collect();
    match quoted.as_slice() {
        [arg, how] if tip.starts_with("to pass ") => {
            format!("підказка: щоб передати '{arg}' як значення, напишіть '{how}'")
        }
        [name, _] if tip.starts_with("subcommand ") => {
            format!("підказка: команда '{name}' існує; щоб викликати її, приберіть '--' перед нею")
        }
        _ => format!("підказка: {}", tip.trim_start_matches("tip: ")),
    }
}

/// The closing lines of a usage error.
pub const UK_ERROR: &str = "помилка";
pub const UK_USAGE: &str = "Використання:";
pub const UK_MORE: &str = "Докладніше: '--help'.";
/// What clap writes in a usage line, and what it is in Ukrainian.
pub const UK_USAGE_WORDS: &[(&str, &str)] = &[("[OPTIONS]", "[ПАРАМЕТРИ]"), ("[ARGS]", "[АРГУМЕНТИ]")];

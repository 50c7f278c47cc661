//! The resolved context a command runs in: registry, today, language, output format,
//! whether to commit. Built once from the global flags (parse → resolve → execute). Use cases
//! below the CLI get only its `Session`; the context shows what they return (`report`).

use std::path::PathBuf;
use std::rc::Rc;

use crate::cli::{Format, GlobalArgs};
use crate::error::Failure;
use crate::error::Hint;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg};
use crate::output;
use crate::record::config::Config;
use crate::record::date::Date;
use crate::registry::{self, write::Outcome};
use crate::session::{Change, Session};

pub struct Ctx {
    pub root: PathBuf,
    pub config: Config,
    pub today: Date,
    pub lang: Lang,
    pub format: Format,
    /// Commit changes: `[git] commit` and not `--no-commit`.
    pub commit: bool,
    pub quiet: bool,
}

/// The parts of the context that need no registry (for `init`, `completions`, errors).
pub fn today(global: &GlobalArgs) -> Result<Date> {
    Ok(global.today.unwrap_or_else(|| chrono::Local::now().date_naive()))
}

impl Ctx {
    /// Finds the registry and reads its configuration. A broken `nastavnyk.toml` is an error
    /// here (exit 2); `check` reads it on its own so it can report the problem with the rest.
    pub fn resolve(global: &GlobalArgs) -> Result<Ctx> {
        let cwd = std::env::current_dir().map_err(|err| Error::io(std::path::Path::new("."), err))?;
        let root = registry::find(global.records.as_deref(), &cwd)?;
        let config = registry::read_config(&root).map_err(|diagnostic| {
            Error::new(Failure::RegistryInvalid { count: 1 })
                .with_diagnostics(vec![diagnostic])
                .with_hint(Hint::RunCheck)
        })?;
        Ctx::with_config(global, root, config)
    }

    pub fn with_config(global: &GlobalArgs, root: PathBuf, config: Config) -> Result<Ctx> {
        Ok(Ctx {
            today: today(global)?,
            lang: global.lang.unwrap_or(config.language),
            format: global.format.into(),
            commit: config.git.commit && !global.no_commit,
            quiet: global.quiet,
            root,
            config,
        })
    }

    pub fn t(&self, msg: Msg) -> String {
        self.lang.text(&msg)
    }

    /// Prints a progress or confirmation note to stderr unless `--quiet`.
    pub fn note(&self, msg: Msg) {
        if !self.quiet {
            eprintln!("{}", self.t(msg));
        }
    }

    /// The domain's view of this context, for use cases (no language, format or output).
    pub fn session(&self) -> Session {
        let (lang, quiet) = (self.lang, self.quiet);
        Session {
            root: self.root.clone(),
            config: self.config.clone(),
            today: self.today,
            commit: self.commit,
            on_wait: Rc::new(move || {
                if !quiet {
                    eprintln!("{}", lang.text(&Msg::WaitingForLock));
                }
            }),
        }
    }

    /// Takes the registry's write lock, saying so if another writer holds it.
    pub fn lock(&self) -> Result<registry::write::Lock> {
        registry::write::Lock::acquire(&self.root, || self.note(Msg::WaitingForLock))
    }

    /// Tells the user how a change ended: its warnings (on the text written), then the commit.
    pub fn report(&self, change: &Change) {
        if !change.warnings.is_empty() && !self.quiet {
            let sources: Vec<(String, String)> =
                change.text.iter().map(|text| (change.rel.clone(), text.clone())).collect();
            eprint!(
                "{}",
                output::render_diagnostics(&change.warnings, &sources, &self.root, self.lang, false)
            );
        }
        match &change.outcome {
            Outcome::Committed(hash) => {
                let short = &hash[..hash.len().min(8)];
                let summary = change.summary.clone().unwrap_or_default();
                self.note(Msg::Committed { summary: format!("{short} {summary}") });
            }
            Outcome::Written => {}
            Outcome::NoRepository => self.note(Msg::NotCommittedNoRepo),
        }
    }
}

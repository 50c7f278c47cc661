//! `undo`: reverts the last change nastavnyk made, as a new commit that names the one it
//! reverts, so the audit trail keeps both. Refused on a dirty registry, after a commit made by
//! hand, and when the registry would not be valid afterwards.

use crate::check::{self, Diagnostic, Severity};
use crate::context::Ctx;
use crate::error::{Error, Result};
use crate::git;
use crate::history::{self, Repo};
use crate::i18n::Msg;
use crate::registry::write::write_atomic;

pub fn run(ctx: &Ctx, reason: Option<&str>) -> Result<u8> {
    let _lock = ctx.lock()?;
    let repo = Repo::find(&ctx.root).ok_or_else(|| Error::new(Msg::NoRepository))?;
    let dirty = repo.uncommitted(&ctx.root)?;
    if !dirty.is_empty() {
        return Err(Msg::UndoDirty { files: list(&dirty) }.into());
    }

    let head = git::run(
        &repo.top,
        &[
            "log",
            "-1",
            "--format=%H%x1f%P%x1f%(trailers:key=Nastavnyk-Action,valueonly,separator=%x2c)%x1f%(trailers:key=Record,valueonly,separator=%x2c)",
            "HEAD",
        ],
    )
    .map_err(|_| Error::new(Msg::UndoNothing))?;
    let mut parts = head.trim_end().split('\u{1f}');
    let mut next = || parts.next().unwrap_or("").trim().to_string();
    let (hash, parents, action, record) = (next(), next(), next(), next());
    if action.is_empty() || parents.split_whitespace().count() > 1 {
        return Err(Msg::UndoNotOurs { commit: hash[..hash.len().min(8)].to_string() }.into());
    }
    if parents.is_empty() || action == "registry.init" {
        return Err(Msg::UndoNothing.into());
    }

    // The files the last commit changed, and what each held before it: undoing the last
    // commit puts exactly those versions back (what `git revert HEAD` would do).
    let changed = git::run(
        &repo.top,
        &["diff-tree", "-r", "--no-commit-id", "--no-renames", "--name-only", "-z", "HEAD^", "HEAD"],
    )?;
    let mut restore: Vec<(String, Option<String>)> = Vec::new();
    for top_path in changed.split('\0').filter(|p| !p.is_empty()) {
        let rel = repo.registry_path(top_path).unwrap_or(top_path).to_string();
        let before = git::output(&repo.top, &["cat-file", "blob", &format!("HEAD^:{top_path}")], None)?;
        let text = before.status.success().then(|| String::from_utf8_lossy(&before.stdout).into_owned());
        restore.push((rel, text));
    }

    validate(ctx, &restore)?;

    // Write, then commit exactly those files; if the commit fails, put the files back.
    let mut current: Vec<(String, Option<String>)> = Vec::new();
    for (rel, text) in &restore {
        let path = ctx.root.join(rel);
        current.push((rel.clone(), std::fs::read_to_string(&path).ok()));
        write_state(ctx, rel, text.as_deref())?;
    }
    let original = action.replace('.', " ");
    let record = if record.is_empty() { "-".to_string() } else { record };
    let mut message =
        format!("undo {original} {record}\n\nNastavnyk-Action: undo\nRecord: {record}\nReverts: {hash}\n");
    if let Some(reason) = reason.map(str::trim).filter(|r| !r.is_empty()) {
        message.push_str(&format!("Reason: {}\n", reason.split_whitespace().collect::<Vec<_>>().join(" ")));
    }
    let paths: Vec<String> = restore.iter().map(|(rel, _)| rel.clone()).collect();
    match git::commit_paths(&ctx.root, &paths, &message) {
        Ok(new) => {
            let summary = format!("{} undo {original} {record}", &new[..new.len().min(8)]);
            ctx.note(Msg::Undone { summary });
            Ok(0)
        }
        Err(err) => {
            for (rel, text) in &current {
                let _ = write_state(ctx, rel, text.as_deref());
            }
            let mut reset = vec!["reset", "--quiet", "--"];
            reset.extend(paths.iter().map(String::as_str));
            let _ = git::run(&ctx.root, &reset);
            Err(err)
        }
    }
}

fn write_state(ctx: &Ctx, rel: &str, text: Option<&str>) -> Result<()> {
    let path = ctx.root.join(rel);
    match text {
        Some(text) => write_atomic(&path, text),
        None => match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(Error::io(&path, err)),
        },
    }
}

/// The files as they would be after the undo must pass the checks every write passes: each
/// record parses and passes its own checks, a restored config reads, and no record that
/// stays refers to one the undo removes.
fn validate(ctx: &Ctx, restore: &[(String, Option<String>)]) -> Result<()> {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut sources = Vec::new();
    for (rel, text) in restore {
        let kind = history::kind_of_path(rel);
        let stem = rel.rsplit('/').next().and_then(|name| name.strip_suffix(".toml"));
        match (kind, stem, text) {
            (Some(kind), Some(id), Some(text)) => {
                problems.extend(check::validate_record_text(
                    &ctx.root,
                    &ctx.config,
                    kind,
                    id,
                    rel,
                    text,
                    ctx.today,
                ));
                sources.push((rel.clone(), text.clone()));
            }
            (Some(kind), Some(id), None) => {
                let leaving: Vec<&String> =
                    restore.iter().filter(|(_, t)| t.is_none()).map(|(r, _)| r).collect();
                let by: Vec<String> = check::referrers(&ctx.root, kind, id)
                    .into_iter()
                    .filter(|r| !leaving.contains(&r))
                    .collect();
                if !by.is_empty() {
                    return Err(Msg::StillReferenced { id: id.to_string(), by: by.join(", ") }.into());
                }
            }
            _ if rel == crate::registry::CONFIG_FILE => {
                let Some(text) = text else { continue };
                if let Err(diagnostic) =
                    crate::registry::parse_toml::<crate::record::Config>(crate::registry::CONFIG_FILE, text)
                {
                    problems.push(diagnostic);
                    sources.push((rel.clone(), text.clone()));
                }
            }
            _ => {}
        }
    }
    problems.retain(|d| d.severity == Severity::Error);
    if problems.is_empty() {
        return Ok(());
    }
    let mut error = Error::new(Msg::UndoRefused).with_diagnostics(problems);
    for (rel, text) in sources {
        error = error.with_source(rel, text);
    }
    Err(error)
}

fn list(files: &[String]) -> String {
    let mut shown: Vec<&str> = files.iter().take(5).map(String::as_str).collect();
    if files.len() > 5 {
        shown.push("…");
    }
    shown.join(", ")
}

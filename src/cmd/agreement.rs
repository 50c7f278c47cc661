//! `agreement new/sign/activate/suspend/resume/renew/close/render/verify`: the flags parsed
//! into typed values, one use case of `agreement::lifecycle` called, its outcome shown.

use std::path::Path;

use crate::agreement::lifecycle::{self, Closure, Signed};
use crate::agreement::{self, Proposal};
use crate::cli::{AgreementCommand, DocFormat, Format};
use crate::context::Ctx;
use crate::error::Failure;
use crate::error::Result;
use crate::i18n::Msg;
use crate::output;
use crate::session::records::checked_id;

pub fn run(ctx: &Ctx, command: AgreementCommand) -> Result<u8> {
    use AgreementCommand as C;
    let session = ctx.session();
    let s = &session;
    match command {
        command @ (C::Show { .. } | C::List(_) | C::Set { .. }) => {
            return crate::cmd::record::agreement_record(ctx, command);
        }
        C::New { child, mentor, institution, date, number, reason } => {
            let proposal = Proposal {
                child: checked_id(&child)?,
                mentor: checked_id(&mentor)?,
                institution: institution.as_deref().map(checked_id).transpose()?,
                date: date.unwrap_or(ctx.today),
                number: number.as_deref(),
            };
            let id = create(ctx, &proposal, "agreement", "new", reason.reason.as_deref())?;
            output::emit(&format!("{id}\n"))?;
        }
        C::Sign { id, party, date, reason } => {
            let date = date.date.unwrap_or(ctx.today);
            let (change, signed) = lifecycle::sign(s, &id, party, date, reason.reason.as_deref())?;
            ctx.report(&change);
            match signed {
                Signed::Active { signed_on, replaced } => {
                    let date = signed_on.to_string();
                    ctx.note(Msg::AgreementActive { id: change.id.clone(), date: date.clone() });
                    if let Some(old) = replaced {
                        ctx.note(Msg::AgreementReconcluded { old, new: change.id, date });
                    }
                }
                Signed::Waiting { party, waiting } => ctx.note(Msg::AgreementSigned {
                    id: change.id,
                    party: party.as_str(),
                    waiting: waiting.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", "),
                }),
            }
        }
        C::Activate { id, reason } => {
            let (change, signed_on) = lifecycle::activate(s, &id, reason.reason.as_deref())?;
            ctx.report(&change);
            ctx.note(Msg::AgreementActive { id: change.id, date: signed_on.to_string() });
        }
        C::Suspend { id, date, reason } => {
            let date = date.date.unwrap_or(ctx.today);
            ctx.report(&lifecycle::suspend(s, &id, date, &reason)?);
        }
        C::Resume { id, date, reason } => {
            let date = date.date.unwrap_or(ctx.today);
            ctx.report(&lifecycle::resume(s, &id, date, reason.reason.as_deref())?);
        }
        C::Renew { id, institution, date, reason } => {
            let institution = institution.as_deref().map(checked_id).transpose()?;
            let date = date.date.unwrap_or(ctx.today);
            let change = lifecycle::renew(s, &id, institution, date, reason.as_deref())?;
            ctx.report(&change);
            output::emit(&format!("{}\n", change.id))?;
        }
        C::Close { id, date, reason, exit_interview, note } => {
            let date = date.date.unwrap_or(ctx.today);
            let closure = Closure { date, reason, exit_interview, note: note.as_deref() };
            ctx.report(&lifecycle::close(s, &id, &closure)?);
        }
        C::Render { id, to, output } => return render(ctx, &id, to, output.as_deref()),
        C::Verify { id } => return verify(ctx, &id),
    }
    Ok(0)
}

/// Proposes an agreement and commits it as `<noun> <action> <id>` (`agreement new`, or
/// `match accept` from the matching command). Returns the new ID.
pub fn create(
    ctx: &Ctx,
    proposal: &Proposal,
    noun: &'static str,
    action: &'static str,
    reason: Option<&str>,
) -> Result<String> {
    let change = lifecycle::create(&ctx.session(), proposal, (noun, action), reason)?;
    ctx.report(&change);
    Ok(change.id)
}

fn render(ctx: &Ctx, id: &str, to: DocFormat, output_path: Option<&Path>) -> Result<u8> {
    let rendered = agreement::document::render_agreement(&ctx.session(), id, ctx.lang)?;
    let bytes = match to {
        DocFormat::Md => rendered.markdown.into_bytes(),
        DocFormat::Html => agreement::document::to_html(&ctx.root, &rendered)?.into_bytes(),
        DocFormat::Docx => agreement::docx::to_docx(&rendered),
    };
    let to_stdout = output_path.is_none_or(output::is_stdout);
    if to_stdout {
        use std::io::IsTerminal;
        if to == DocFormat::Docx && std::io::stdout().is_terminal() {
            return Err(Failure::DocxNeedsOutput.into());
        }
    }
    if let Some(path) = output::deliver_bytes(&bytes, output_path)? {
        ctx.note(Msg::DocumentWritten { path: path.display().to_string() });
    }
    Ok(0)
}

fn verify(ctx: &Ctx, id: &str) -> Result<u8> {
    let id = checked_id(id)?;
    let verification = lifecycle::verify(&ctx.session(), id)?;
    let ok = verification.ok();
    let lifecycle::Verification { signed_hash: signed, current_hash: now, changed } = verification;
    if ctx.format == Format::Json {
        let changed: Vec<serde_json::Value> =
            changed.iter().map(|c| serde_json::json!({"file": c.file, "field": c.field})).collect();
        let json = serde_json::json!({
            "id": id, "ok": ok, "signed_hash": signed, "current_hash": now, "changed": changed,
        });
        output::emit(&output::json_string(&json))?;
        return Ok(if ok { 0 } else { 1 });
    }
    if ok {
        output::emit(&format!("{}\n", ctx.t(Msg::VerifyOk { id: id.to_string(), hash: now })))?;
        return Ok(0);
    }
    let mut text = format!("{}\n", ctx.t(Msg::VerifyChanged { id: id.to_string(), signed, now }));
    if changed.is_empty() {
        text.push_str(&format!("{}\n", ctx.t(Msg::VerifyFieldsUnknown)));
    }
    for change in changed {
        text.push_str(&format!("{}\n", ctx.t(Msg::VerifyField { file: change.file, field: change.field })));
    }
    output::emit(&text)?;
    Ok(1)
}

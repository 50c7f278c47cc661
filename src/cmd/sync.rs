//! `sync`: share the registry through its git remote (see `crate::sync`).

use crate::context::Ctx;
use crate::error::Result;
use crate::i18n::Msg;
use crate::output;
use crate::sync::{self, Outcome};

pub fn run(ctx: &Ctx) -> Result<u8> {
    // Under the registry lock: no writer of ours commits while the branch is rebased.
    let _lock = ctx.lock()?;
    let (outcome, renumbered) = sync::sync(&ctx.root, ctx.today)?;
    for (from, to) in renumbered {
        ctx.note(Msg::SyncRenumbered { from, to });
    }
    match outcome {
        Outcome::UpToDate { remote } => ctx.note(Msg::SyncUpToDate { remote }),
        Outcome::Done { remote, received, sent } => ctx.note(Msg::SyncDone { remote, received, sent }),
        Outcome::Invalid { errors } => {
            eprint!("{}", output::render_diagnostics(&errors, &[], &ctx.root, ctx.lang, false));
            ctx.note(Msg::SyncInvalid { count: errors.len() });
            return Ok(1);
        }
    }
    Ok(0)
}
